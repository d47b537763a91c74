using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Server;

/// <summary>Every API error is an RFC 7807 problem with a message a person can act on, never a stack trace, in any environment.</summary>
public class ApiErrorTests
{
    private static string Nested(int depth) =>
        """{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01}}],"x":""" + new string('[', depth) + new string(']', depth) + "}";

    public static TheoryData<string, string, string?, string> Requests() => new()
    {
        { Environments.Development, "/api/runs", """{"data": {"path": "demo" """, "not valid JSON" },
        { Environments.Production, "/api/runs", """{"data": {"path": "demo" """, "not valid JSON" },
        { Environments.Development, "/api/runs", Nested(65), "depth" },
        { Environments.Production, "/api/runs?take=abc", null, "take" },
        { Environments.Development, "/api/runs?take=abc", null, "take" },
        { Environments.Development, "/api/runs/some-run/events?after=abc", null, "after" },
        { Environments.Production, "/api/runs/some-run/events?after=abc", null, "after" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bad_request_is_a_400_problem_with_a_clear_message_and_no_stack_trace(string environment, string path, string? body, string mentions)
    {
        await using var host = await DashboardHost.StartAsync(environment: environment);
        using var client = host.Client();

        var response = body is null ? await client.GetAsync(path) : await client.PostAsync(path, ApiWaits.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"at [\w.`]+\(", text); // a stack frame: "at Namespace.Type.Method("
        Assert.DoesNotContain("Exception", text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.Get<RunStore>().List());
    }

    [Fact]
    public async Task A_recipe_with_comments_and_trailing_commas_is_accepted_as_the_recipe_parser_accepts_it()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        const string recipe = """
            // the lesson, shortened
            { "data": { "path": "demo", "size": 32, }, /* one step */ "steps": [ {"fit": {"lr": 0.01, "cycles": 1}}, ], }
            """;

        var response = await client.PostAsync("/api/runs", ApiWaits.Json(recipe));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(recipe, host.Get<RunStore>().Find(id)!.RecipeJson);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("1e9", "1000000000")]
    [InlineData("0", "0")]
    [InlineData("-0.5", "-0.5")]
    public async Task A_learning_rate_out_of_range_says_the_range_it_must_be_in(string lr, string shown)
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await client.PostAsync("/api/runs", ApiWaits.Json($$$"""{"data":{"path":"demo"},"steps":[{"fit":{"lr":{{{lr}}}}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("$.steps[0].fit.lr", problem.GetProperty("field").GetString());
        Assert.Equal($"$.steps[0].fit.lr: a learning rate must be > 0 and ≤ 10, not {shown}", problem.GetProperty("detail").GetString());
    }
}
