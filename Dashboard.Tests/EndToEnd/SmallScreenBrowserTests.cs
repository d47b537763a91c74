using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The app bar at a phone's width (400 px): it fits, the title shortens and the links move into a menu that works.</summary>
public sealed class SmallScreenBrowserTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task At_400_px_the_app_bar_fits_and_its_menu_leads_to_every_page()
    {
        await Page.SetViewportSizeAsync(400, 800);
        await browser.OpenAsync("/runs", "runs");

        await Assertions.Expect(Page.Locator("#nav-runs")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#app-title-short")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => { const bar = document.querySelector('.mud-appbar .mud-toolbar'); return bar.scrollWidth <= bar.clientWidth; }"),
            "the app bar's content overflows at 400 px");
        await Page.Locator("#nav-menu button").ClickAsync();
        await Page.Locator("#nav-menu-datasets").ClickAsync();
        await browser.ReadyAsync("datasets");
        Assert.EndsWith("/datasets", Page.Url);
        await browser.ScreenshotAsync("datasets-400");
    }

    [Fact]
    public async Task At_1400_px_the_links_are_buttons_in_the_app_bar_and_there_is_no_menu()
    {
        await browser.OpenAsync("/runs", "runs");

        await Assertions.Expect(Page.Locator("#nav-runs")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#nav-datasets")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#nav-menu")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#app-title-short")).ToBeHiddenAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
