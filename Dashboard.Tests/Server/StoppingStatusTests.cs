using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

public class StoppingStatusTests
{
    [Fact]
    public async Task A_stop_request_shows_a_running_run_as_stopping_at_once_until_it_stops()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var id = (await (await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Long))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForRunAsync(host.Get<RunStore>(), id, () => host.Get<RunStore>().Events(id).Any(e => e.Event is BatchEnded), TimeSpan.FromMinutes(2));
        var published = new ConcurrentQueue<string>();
        using var subscription = host.Get<RunNotifier>().SubscribeRuns(run => { if (run.Id == id) published.Enqueue(run.Status); });

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        var right = (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString();
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));

        Assert.Contains(right, new[] { RunStatus.Stopping, RunStatus.Stopped });
        Assert.Equal(new[] { RunStatus.Stopping, RunStatus.Stopped }, published);
        var run = host.Get<RunStore>().Find(id)!;
        Assert.NotNull(run.EndedAt);
    }
}
