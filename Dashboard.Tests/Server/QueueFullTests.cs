using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

/// <summary>A full queue refuses with 503, an RFC 7807 body and Retry-After, and counts only runs still waiting.</summary>
public class QueueFullTests
{
    private static readonly Dictionary<string, string?> OneSlot = new() { ["Dashboard:QueueCapacity"] = "1" };

    private static async Task<string> SubmitAsync(HttpClient client, string recipe)
    {
        var response = await client.PostAsync("/api/runs", ApiWaits.Json(recipe));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task StopAsync(HttpClient client, string id)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));
    }

    internal static async Task AssertQueueFullProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("queue is full", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Resume_and_submit_with_a_full_queue_answer_503_problem_with_retry_after()
    {
        await using var host = await DashboardHost.StartAsync(settings: OneSlot);
        using var client = host.Client();
        var stopped = await SubmitAsync(client, TinyRecipes.Long);
        await ApiWaits.WaitForStatusAsync(client, stopped, s => s == RunStatus.Running, TimeSpan.FromMinutes(1));
        await StopAsync(client, stopped);
        var running = await SubmitAsync(client, TinyRecipes.Long);
        await ApiWaits.WaitForStatusAsync(client, running, s => s == RunStatus.Running, TimeSpan.FromMinutes(1));
        await SubmitAsync(client, TinyRecipes.Quick);

        await AssertQueueFullProblemAsync(await client.PostAsync($"/api/runs/{stopped}/resume", null));
        await AssertQueueFullProblemAsync(await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Quick)));

        Assert.Equal(RunStatus.Stopped, host.Get<RunStore>().Find(stopped)!.Status);
        await StopAsync(client, running);
    }

    [Fact]
    public async Task Stopped_queued_runs_give_their_queue_slots_back()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:QueueCapacity"] = "2" });
        using var client = host.Client();
        var running = await SubmitAsync(client, TinyRecipes.Long);
        await ApiWaits.WaitForStatusAsync(client, running, s => s == RunStatus.Running, TimeSpan.FromMinutes(1));
        foreach (var queued in new[] { await SubmitAsync(client, TinyRecipes.Quick), await SubmitAsync(client, TinyRecipes.Quick) })
            await StopAsync(client, queued);

        var waiting = new[] { await SubmitAsync(client, TinyRecipes.Quick), await SubmitAsync(client, TinyRecipes.Quick) };

        Assert.All(waiting, id => Assert.Equal(RunStatus.Queued, host.Get<RunStore>().Find(id)!.Status));
        await AssertQueueFullProblemAsync(await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Quick)));
        foreach (var id in waiting) await StopAsync(client, id);
        await StopAsync(client, running);
    }

    [Fact]
    public async Task A_refused_submission_stores_nothing()
    {
        await using var host = await DashboardHost.StartAsync(settings: OneSlot);
        using var client = host.Client();
        var running = await SubmitAsync(client, TinyRecipes.Long);
        await ApiWaits.WaitForStatusAsync(client, running, s => s == RunStatus.Running, TimeSpan.FromMinutes(1));
        var waiting = await SubmitAsync(client, TinyRecipes.Quick);

        await AssertQueueFullProblemAsync(await client.PostAsync("/api/runs?name=refused", ApiWaits.Json(TinyRecipes.Quick)));

        Assert.Equal(new[] { waiting, running }, host.Get<RunStore>().List().Select(r => r.Id));
        await StopAsync(client, waiting);
        await StopAsync(client, running);
    }
}
