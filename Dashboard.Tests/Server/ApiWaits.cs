using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Server;

/// <summary>Polling helpers for tests that drive the real server.</summary>
public static class ApiWaits
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Polls the run until <paramref name="done"/> holds for its status (see <see cref="WaitForRunAsync"/>).</summary>
    public static Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, Func<string, bool> done, TimeSpan stall) =>
        WaitForRunAsync(client, id, run => done(run.GetProperty("status").GetString()!), stall);

    /// <summary>Polls the run (GET /api/runs/{id}) until <paramref name="done"/> holds, while it makes progress (see <see cref="WhileProgressingAsync"/>).</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan stall)
    {
        JsonElement run = default;
        await WhileProgressingAsync(async () =>
        {
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            var status = run.GetProperty("status").GetString();
            var batches = run.TryGetProperty("metrics", out var metrics) && metrics.TryGetProperty("batches", out var count) ? count.GetInt32() : 0;
            return (done(run), $"run {id} {status}, {batches} batches");
        }, stall);
        return run;
    }

    /// <summary>Waits for <paramref name="condition"/> about a run of <paramref name="store"/>, while the run stores events or changes status.</summary>
    public static Task WaitForRunAsync(Runs.RunStore store, string id, Func<bool> condition, TimeSpan stall) =>
        WhileProgressingAsync(() => Task.FromResult((condition(), $"run {id} {store.Find(id)?.Status}, {store.LastSequence(id)} events")), stall);

    /// <summary>
    /// Polls until done. <paramref name="stall"/> is how long the progress text may stay the same: on a loaded machine a run
    /// is slow, not stuck, so the wait goes on while it moves (never beyond four stalls in all).
    /// </summary>
    private static async Task WhileProgressingAsync(Func<Task<(bool Done, string Progress)>> poll, TimeSpan stall)
    {
        var end = DateTime.UtcNow + 4 * stall;
        var deadline = DateTime.UtcNow + stall;
        string? progress = null;
        while (true)
        {
            var (done, now) = await poll();
            if (done) return;
            if (now != progress) (progress, deadline) = (now, DateTime.UtcNow + stall < end ? DateTime.UtcNow + stall : end);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not done: {progress}, with no progress within {stall} or not done within {4 * stall}");
            await Task.Delay(100);
        }
    }

    /// <summary>Submits <paramref name="recipe"/> and waits until the run has finished; its id.</summary>
    public static async Task<string> FinishedRunAsync(HttpClient client, string recipe)
    {
        var id = (await (await client.PostAsync("/api/runs", Json(recipe))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForStatusAsync(client, id, status => status == Runs.RunStatus.Finished, TimeSpan.FromMinutes(5));
        return id;
    }

    public static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {timeout}");
            await Task.Delay(100);
        }
    }
}
