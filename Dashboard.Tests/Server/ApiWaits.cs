using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Server;

/// <summary>Polling helpers for tests that drive the real server.</summary>
public static class ApiWaits
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, Func<string, bool> done, TimeSpan timeout)
    {
        JsonElement run = default;
        await WaitForAsync(async () =>
        {
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            return done(run.GetProperty("status").GetString()!);
        }, timeout);
        return run;
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
