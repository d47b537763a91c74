using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Auth;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

/// <summary>
/// The document's security against sign-in as it is: the cookie scheme names the cookie sign-in sets, each scheme lets a
/// caller in, every operation that documents a 401 refuses an anonymous caller and every other one lets it in, and
/// exactly the operations that document a 403 refuse a viewer.
/// </summary>
public partial class OpenApiSecurityTests
{
    private static string Url(string operation, string runId)
    {
        var path = operation.Split(' ')[1];
        return path switch
        {
            "/api/datasets/image" => path + "?dataset=demo&index=0",
            "/api/datasets/augment" => path + "?dataset=demo&index=0&k=0",
            "/api/images/file" => path + "?path=demo/train/bag/0000.png",
            _ => path.Replace("{id}", runId).Replace("{sequence}", "1").Replace("{index}", "0").Replace("{name}", "stage-1"),
        };
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, string operation, string runId) => operation.Split(' ')[0] switch
    {
        "post" => client.PostAsync(Url(operation, runId), ApiWaits.Json(TinyRecipes.Quick)),
        "delete" => client.DeleteAsync(Url(operation, runId)),
        "put" => client.PutAsync(Url(operation, runId), ApiWaits.Json("""{"tags":["checked"]}""")),
        _ => client.GetAsync(Url(operation, runId)),
    };

    [Fact]
    public async Task Documented_sign_in_is_the_servers_for_anonymous_callers_and_viewers()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var users = host.Get<UserStore>();
        users.Add("vera", Roles.Viewer, "viewer-password-1");
        using var admin = host.Client(users.IssueToken("admin"));
        using var viewer = host.Client(users.IssueToken("vera"));
        using var anonymous = host.Client();
        var run = host.Get<RunStore>().Create("admin's", TinyRecipes.Quick, "admin"); // stored only: the worker never sees it
        var document = await OpenApiDocumentTests.DocumentAsync(admin);

        foreach (var (path, method, operation) in OpenApiDocumentTests.Operations(document))
        {
            var name = $"{method} {path}";
            var responses = operation["responses"]!.AsObject();
            var security = operation["security"]!.AsArray();
            bool open = security.Count == 1 && security[0] is JsonObject { Count: 0 }; // [{}]: no sign-in
            var asAnonymous = await CallAsync(anonymous, name, run.Id);
            Assert.True(open ? asAnonymous.StatusCode != HttpStatusCode.Unauthorized : asAnonymous.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {asAnonymous.StatusCode}");
            Assert.Equal(!open, responses.ContainsKey("401"));
            var asViewer = await CallAsync(viewer, name, run.Id);
            Assert.True(responses.ContainsKey("403") == (asViewer.StatusCode == HttpStatusCode.Forbidden), $"{name} as viewer: {asViewer.StatusCode}");
        }
        Assert.Equal(RunStatus.Queued, host.Get<RunStore>().Find(run.Id)!.Status);
    }

    [Fact]
    public async Task The_cookie_scheme_is_the_cookie_sign_in_sets_and_either_scheme_lets_a_caller_in()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        using var admin = host.Client(host.Get<UserStore>().IssueToken("admin"));
        var schemes = (await OpenApiDocumentTests.DocumentAsync(admin))["components"]!["securitySchemes"]!;
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal(("apiKey", "cookie"), (schemes["cookie"]!["type"]!.GetValue<string>(), schemes["cookie"]!["in"]!.GetValue<string>()));

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        var login = await browser.GetAsync("/login");
        var field = AntiforgeryField().Match(await login.Content.ReadAsStringAsync());
        var antiforgeryCookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToArray();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [field.Groups[1].Value] = WebUtility.HtmlDecode(field.Groups[2].Value), ["user"] = "admin", ["password"] = DashboardHost.AdminPassword, ["returnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", antiforgeryCookie));
        var signedIn = await browser.SendAsync(post);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(schemes["cookie"]!["name"]!.GetValue<string>() + "="));

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        withCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(withCookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/runs")).StatusCode);
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]+)">""")]
    private static partial Regex AntiforgeryField();
}
