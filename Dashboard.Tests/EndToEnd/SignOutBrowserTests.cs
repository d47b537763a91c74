using Microsoft.Playwright;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Sign-in on in a real browser: the form signs in, the circuit (Origin-checked) goes interactive, and the layout's
/// Sign out button, rendered by the live circuit, posts the anti-forgery token the sign-out endpoint requires.
/// </summary>
public sealed class SignOutBrowserTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private Browser browser = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartWithSignInAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task A_signed_in_user_signs_out_with_the_layouts_button_and_is_sent_to_sign_in_again()
    {
        var page = browser.Page;
        await page.GotoAsync("/login");
        await page.FillAsync("#user", "admin");
        await page.FillAsync("#password", DashboardHost.AdminPassword);
        await page.ClickAsync("#sign-in");
        await browser.ReadyAsync("runs");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("admin");

        await page.ClickAsync("#sign-out");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Dashboard.Auth.LoginEndpoints.LoginPath);
        await page.GotoAsync("/runs");
        Assert.Equal(Dashboard.Auth.LoginEndpoints.LoginPath, new Uri(page.Url).AbsolutePath);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
