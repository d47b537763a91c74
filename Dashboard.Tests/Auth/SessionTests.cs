using System.Net;
using Dashboard.Tests.Data;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Auth;

/// <summary>Cookie sessions as a browser holds them: signing out ends one; a restart on the same data folder keeps it.</summary>
public class SessionTests
{
    [Fact]
    public async Task Signing_out_drops_the_cookie_and_the_api_and_pages_refuse_the_browser_again()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        using var browser = new CookieBrowser(host.BaseAddress);
        await browser.SignInAsync("admin", DashboardHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/runs")).StatusCode);

        var signedOut = await browser.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(Dashboard.Auth.LoginEndpoints.LoginPath, signedOut.Headers.Location!.ToString());
        Assert.Null(browser.SignInCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/runs")).StatusCode);
        var page = await browser.Client.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(Dashboard.Auth.LoginEndpoints.LoginPath, page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_session_survives_a_restart_on_the_same_data_folder_and_no_other_server_accepts_it()
    {
        using var folder = new TempFolder();
        string cookie;
        await using (var first = await DashboardHost.StartWithSignInAsync(folder.Path))
        {
            using var browser = new CookieBrowser(first.BaseAddress);
            await browser.SignInAsync("admin", DashboardHost.AdminPassword);
            cookie = $"dashboard.auth={browser.SignInCookie!.Value}";
        }

        await using var restarted = await DashboardHost.StartWithSignInAsync(folder.Path);
        await using var elsewhere = await DashboardHost.StartWithSignInAsync(); // its own data folder, its own keys

        Assert.True(Directory.EnumerateFiles(Path.Combine(folder.Path, "keys"), "*.xml").Any(), "data-protection keys are kept in the data folder");
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(restarted, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(elsewhere, cookie)).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(DashboardHost host, string cookie)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
