using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Auth;

public class RoleBoundaryTests
{
    private const string AdminPassword = DashboardHost.AdminPassword;
    private const string Rejected = """{"data":{"path":"demo"},"steps":[{"fit":{"lr":-1}}]}""";

    private static Task<DashboardHost> StartSecuredAsync() => DashboardHost.StartWithSignInAsync();

    [Fact]
    public async Task Each_role_reaches_exactly_what_it_may()
    {
        await using var host = await StartSecuredAsync();
        var users = host.Get<UserStore>();
        users.Add("vera", Roles.Viewer, "viewer-password");
        users.Add("tom", Roles.Trainer, "trainer-password");
        users.Add("tess", Roles.Trainer, "trainer-password");
        using var anonymous = host.Client();
        using var viewer = Authorised(host, users.IssueToken("vera"));
        using var tom = Authorised(host, users.IssueToken("tom"));
        using var tess = Authorised(host, users.IssueToken("tess"));
        using var admin = Authorised(host, users.IssueToken("admin"));
        var queued = host.Get<RunStore>().Create("tom's", TinyRecipes.Long, owner: "tom");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/runs", ApiWaits.Json(Rejected))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tom.PostAsync("/api/runs", ApiWaits.Json(Rejected))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/runs/{queued.Id}/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tess.PostAsync($"/api/runs/{queued.Id}/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await tom.PostAsync($"/api/runs/{queued.Id}/stop", null)).StatusCode);
        // A run created in the store after start-up is not in the worker's queue: the stop ends it at once.
        await ApiWaits.WaitForAsync(() => !RunStatus.IsActive(host.Get<RunStore>().Find(queued.Id)!.Status), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/runs/{queued.Id}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Authorised(host, "not-a-token").GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task The_hub_rejects_unauthenticated_connections_and_accepts_a_token()
    {
        await using var host = await StartSecuredAsync();
        var token = host.Get<UserStore>().IssueToken("admin");

        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, TrainingHub.Path)).Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);

        await using var signedIn = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, TrainingHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        await signedIn.StartAsync();
        Assert.Empty(await signedIn.InvokeAsync<IReadOnlyList<RunSummary>>(nameof(TrainingHub.Runs), 0, 10));
        var stored = host.Get<RunStore>().Create("listed", Dashboard.Tests.Server.TinyRecipes.Quick, "admin");
        var listed = await signedIn.InvokeAsync<IReadOnlyList<RunSummary>>(nameof(TrainingHub.Runs), 0, 10);
        Assert.Equal([(stored.Id, "listed", "admin")], listed.Select(r => (r.Id, r.Name, r.Owner)));
    }

    [Fact]
    public async Task A_browser_is_sent_to_sign_in_and_gets_in_with_the_right_password_only()
    {
        await using var host = await StartSecuredAsync();
        using var cookies = new CookieBrowser(host.BaseAddress);
        var browser = cookies.Client;

        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.PathAndQuery.Replace(host.BaseAddress.ToString(), "/"));

        Assert.Contains("failed=1", (await cookies.SignInAsync("admin", "wrong-password")).Headers.Location!.ToString());
        var signedIn = await cookies.SignInAsync("admin", AdminPassword);
        Assert.Equal("/", signedIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/runs")).StatusCode);

        var forged = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "admin", ["password"] = AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public void An_open_dashboard_refuses_to_listen_beyond_loopback()
    {
        ListenAddressCheck.Require("http://127.0.0.1:5000;http://localhost:5001;http://[::1]:5002", authEnabled: false);
        ListenAddressCheck.Require("http://0.0.0.0:5000", authEnabled: true);
        var error = Assert.Throws<InvalidOperationException>(() => ListenAddressCheck.Require("http://127.0.0.1:5000;http://0.0.0.0:80", authEnabled: false));
        Assert.Contains("0.0.0.0", error.Message);
        Assert.Throws<InvalidOperationException>(() => ListenAddressCheck.Require("http://*:5000", authEnabled: false));
        Assert.Throws<InvalidOperationException>(() => ListenAddressCheck.Require("http://lab-server.example:5000", authEnabled: false));
    }

    private static HttpClient Authorised(DashboardHost host, string token)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
