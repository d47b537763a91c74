using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>A run that ends without completing ends its stored event stream with a <see cref="RunEnded"/> that says how and why.</summary>
public class TerminalEventTests
{
    private static async Task<string> SubmitAsync(HttpClient client, string recipe) =>
        (await (await client.PostAsync("/api/runs", ApiWaits.Json(recipe))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

    private static async Task<JsonElement> StopAndLastEventAsync(HttpClient client, string id)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));
        return (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/events")).EnumerateArray().Last().GetProperty("event");
    }

    [Fact]
    public async Task A_stopped_run_running_or_queued_ends_its_events_with_run_ended()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var running = await SubmitAsync(client, TinyRecipes.Long);
        await ApiWaits.WaitForRunAsync(host.Get<RunStore>(), running, () => host.Get<RunStore>().Events(running).Any(e => e.Event is BatchEnded), TimeSpan.FromMinutes(2));
        var queued = await SubmitAsync(client, TinyRecipes.Quick);

        var queuedEnd = await StopAndLastEventAsync(client, queued);
        var runningEnd = await StopAndLastEventAsync(client, running);

        Assert.Equal(("runEnded", "stopped", RunCommands.StoppedWhileQueued),
            (queuedEnd.GetProperty("type").GetString(), queuedEnd.GetProperty("status").GetString(), queuedEnd.GetProperty("message").GetString()));
        Assert.Equal(("runEnded", "stopped", "stopped by request"),
            (runningEnd.GetProperty("type").GetString(), runningEnd.GetProperty("status").GetString(), runningEnd.GetProperty("message").GetString()));
        Assert.Equal("Run stopped: stopped by request", EventText.Describe(host.Get<RunStore>().Events(running)[^1].Event));
    }
}
