using System.Net;
using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>An unknown address answers 404 with a page in the app's layout that leads back to the runs; an unknown run says so.</summary>
public sealed class NotFoundBrowserTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private Browser browser = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task A_direct_request_for_an_unknown_page_is_404_with_the_not_found_page()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_shows_the_app_bar_and_a_link_back_to_the_runs()
    {
        var page = browser.Page;
        var response = await page.GotoAsync("/no-such-page");
        await browser.ReadyAsync("not-found");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator(".mud-appbar")).ToContainTextAsync("Transfer learning dashboard");
        await Assertions.Expect(page.Locator("#not-found")).ToContainTextAsync("Page not found");
        await page.ClickAsync("#not-found-runs");
        await browser.ReadyAsync("runs");
        Assert.Equal("/runs", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Navigating_inside_the_app_to_an_unknown_page_shows_the_not_found_page()
    {
        await browser.OpenAsync("/runs", "runs");

        await browser.Page.EvaluateAsync("() => Blazor.navigateTo('/no-such-page')");

        await Assertions.Expect(browser.Page.Locator("#not-found")).ToContainTextAsync("Page not found");
        await Assertions.Expect(browser.Page.Locator(".mud-appbar")).ToContainTextAsync("Transfer learning dashboard");
    }

    [Fact]
    public async Task An_unknown_run_says_there_is_no_such_run()
    {
        await browser.OpenAsync("/runs/does-not-exist", "run");

        await Assertions.Expect(browser.Page.Locator("#run-not-found")).ToContainTextAsync("No run with id does-not-exist");
        await Assertions.Expect(browser.Page.Locator("#run-not-found a[href='/runs']")).ToBeVisibleAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
