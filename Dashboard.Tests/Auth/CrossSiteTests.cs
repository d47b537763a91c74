using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Dashboard.Auth;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Auth;

/// <summary>
/// Cross-site request forgery against a signed-in browser, through the real server with a real sign-in cookie: a form
/// posted from another origin, a logout without the anti-forgery token, a hub WebSocket opened from a foreign page.
/// </summary>
public class CrossSiteTests
{
    private const string Evil = "http://evil.example";

    [Fact]
    public async Task A_cross_origin_form_post_with_a_trainers_cookie_does_not_stop_the_run()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        host.Get<UserStore>().Add("tom", Roles.Trainer, "trainer-password");
        var run = host.Get<RunStore>().Create("tom's", TinyRecipes.Long, owner: "tom");
        using var browser = new CookieBrowser(host.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("tom", "trainer-password")).StatusCode);

        var forged = await browser.Client.SendAsync(FormPost($"/api/runs/{run.Id}/stop", origin: Evil));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        var noOrigin = await browser.Client.SendAsync(FormPost($"/api/runs/{run.Id}/stop", origin: null));
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode); // no custom header: a form could have sent it
        Assert.Equal(RunStatus.Queued, host.Get<RunStore>().Find(run.Id)!.Status);

        var fromThePage = FormPost($"/api/runs/{run.Id}/stop", origin: host.BaseAddress.GetLeftPart(UriPartial.Authority));
        fromThePage.Headers.Add(CrossSiteRequestCheck.HeaderName, "1");
        Assert.Equal(HttpStatusCode.Accepted, (await browser.Client.SendAsync(fromThePage)).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_call_needs_neither_the_header_nor_a_matching_origin()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var token = host.Get<UserStore>().IssueToken("admin");
        var run = host.Get<RunStore>().Create("admin's", TinyRecipes.Long, owner: "admin");
        using var client = host.Client();

        var request = FormPost($"/api/runs/{run.Id}/stop", origin: Evil);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task An_open_dashboard_refuses_a_post_from_a_foreign_origin()
    {
        await using var host = await DashboardHost.StartAsync();
        var run = host.Get<RunStore>().Create("queued", TinyRecipes.Long);
        using var client = host.Client();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(FormPost($"/api/runs/{run.Id}/stop", origin: Evil))).StatusCode);
        Assert.Equal(RunStatus.Queued, host.Get<RunStore>().Find(run.Id)!.Status);
    }

    [Fact]
    public async Task Logout_needs_the_anti_forgery_token_that_the_layouts_sign_out_form_carries()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        using var browser = new CookieBrowser(host.BaseAddress);
        await browser.SignInAsync("admin", DashboardHost.AdminPassword);

        var forged = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/runs")).StatusCode); // still signed in

        var signedOut = await browser.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(LoginEndpoints.LoginPath, signedOut.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task The_hub_refuses_a_websocket_with_the_cookie_from_a_foreign_origin_and_accepts_its_own()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        using var browser = new CookieBrowser(host.BaseAddress);
        await browser.SignInAsync("admin", DashboardHost.AdminPassword);
        var hub = new UriBuilder(new Uri(host.BaseAddress, TrainingHub.Path)) { Scheme = "ws" }.Uri;

        using var foreign = HubSocket(browser, Evil);
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(hub, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = HubSocket(browser, host.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(hub, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private static ClientWebSocket HubSocket(CookieBrowser browser, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", browser.Cookies.GetCookieHeader(browser.Client.BaseAddress!));
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }

    /// <summary>What an HTML form on another page posts: a form content type, no custom header, the page's Origin.</summary>
    private static HttpRequestMessage FormPost(string url, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }) };
        if (origin != null) request.Headers.Add("Origin", origin);
        return request;
    }
}
