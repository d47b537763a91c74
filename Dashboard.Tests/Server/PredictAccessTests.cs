using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

/// <summary>Who may predict (viewers only when allowed) and how often (per user, page and API counted together).</summary>
public sealed class PredictAccessTests
{
    [Theory]
    [InlineData(false, HttpStatusCode.Forbidden)]
    [InlineData(true, HttpStatusCode.Conflict)] // let in, and told the stored run has no weights
    public async Task A_viewer_predicts_only_when_viewers_may(bool viewersMayPredict, HttpStatusCode expected)
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Dashboard:Auth:Enabled"] = "true", ["Dashboard:Auth:InitialAdminUser"] = "admin", ["Dashboard:Auth:InitialAdminPassword"] = DashboardHost.AdminPassword,
            ["Dashboard:Auth:ViewersMayPredict"] = viewersMayPredict.ToString(),
        });
        var users = host.Get<UserStore>();
        users.Add("vera", Roles.Viewer, "viewer-password-1");
        using var viewer = host.Client();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.IssueToken("vera"));
        var run = host.Get<RunStore>().Create("stored", TinyRecipes.Quick, "admin");

        var response = await viewer.PostAsJsonAsync($"/api/runs/{run.Id}/predict", new[] { "/demo.png" });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_user_over_the_rate_gets_429_with_retry_after()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Dashboard:Limits:PredictRequests"] = "2", ["Dashboard:Limits:PredictWindowSeconds"] = "3600",
        });
        using var client = host.Client();
        var run = host.Get<RunStore>().Create("stored", TinyRecipes.Quick);
        var url = $"/api/runs/{run.Id}/predict";

        var answers = new List<HttpResponseMessage>();
        for (int i = 0; i < 3; i++) answers.Add(await client.PostAsJsonAsync(url, new[] { "/demo.png" }));

        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.True(answers[2].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("more than 2 predictions", await answers[2].Content.ReadAsStringAsync());
    }
}
