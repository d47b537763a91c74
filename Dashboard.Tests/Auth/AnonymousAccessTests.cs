using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Auth;

/// <summary>With sign-in on, nothing but sign-in and health answers an anonymous caller: API routes 401, pages go to sign-in.</summary>
public class AnonymousAccessTests
{
    [Fact]
    public async Task With_sign_in_on_every_api_route_and_page_refuses_an_anonymous_caller()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var run = host.Get<RunStore>().Create("secret", TinyRecipes.Quick, "admin");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var anonymous = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        foreach (var url in new[]
        {
            "/api/runs", $"/api/runs/{run.Id}", $"/api/runs/{run.Id}/events?after=0", $"/api/runs/{run.Id}/metrics.csv", $"/api/runs/{run.Id}/batches.csv",
            $"/api/runs/{run.Id}/thumbnails/1/0.png", $"/api/runs/{run.Id}/models/stage-1", $"/api/runs/{run.Id}/export.onnx", "/api/datasets/image?dataset=demo&index=0",
            "/api/datasets/augment?dataset=demo&index=0&k=0", "/api/images/file?path=demo/train/bag/0.png",
        })
            Assert.True((await anonymous.GetAsync(url)).StatusCode == HttpStatusCode.Unauthorized, url);
        foreach (var page in new[] { "/", "/runs", "/datasets", "/runs/new", $"/runs/{run.Id}" })
        {
            var response = await anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {response.StatusCode}");
            Assert.Contains(Dashboard.Auth.LoginEndpoints.LoginPath + "?ReturnUrl=", response.Headers.Location!.ToString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/runs/{run.Id}/stop", null)).StatusCode);
        Assert.Equal(RunStatus.Queued, host.Get<RunStore>().Find(run.Id)!.Status);
    }

    [Fact]
    public async Task A_recipes_weights_file_outside_the_data_roots_is_refused_naming_the_field()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await client.PostAsync("/api/runs", ApiWaits.Json("""
            { "data": { "path": "demo" }, "arch": "resnet34", "weights": "/etc/resnet34.pth", "steps": [ {"fit": {"lr": 0.01}} ] }
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$.weights", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Empty(host.Get<RunStore>().List());
    }
}

public class AuthResponseTests
{
    [Fact]
    public async Task Refusals_to_scripts_are_problems_with_a_bearer_challenge_and_a_query_token_only_counts_on_the_hub()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var users = host.Get<Dashboard.Auth.UserStore>();
        users.Add("vera", Dashboard.Auth.Roles.Viewer, "viewer-password");
        var viewer = users.IssueToken("vera");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        foreach (var url in new[] { "/api/runs", "/openapi/v1.json", $"/api/runs?access_token={viewer}" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{url}: {response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Sign-in required", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        var forbidden = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = ApiWaits.Json(TinyRecipes.Quick) };
        forbidden.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", viewer);
        var refused = await client.SendAsync(forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var badToken = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        badToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        var unknown = await client.SendAsync(badToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("Bearer", unknown.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(host.Get<RunStore>().List());
    }
}
