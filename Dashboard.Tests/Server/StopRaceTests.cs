using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

public class StopRaceTests
{
    private const int Runs = 8;

    /// <summary>
    /// Stops meet the worker at every stage of starting a run (queued, being picked up, just started): every stop the
    /// server accepted must end the run stopped, never let it finish, and a run stopped while queued never starts.
    /// </summary>
    [Fact]
    public async Task Every_accepted_stop_wins_against_the_worker_starting_the_run()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var ids = new List<string>();
        for (int i = 0; i < Runs; i++)
        {
            var created = await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Quick));
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var stops = await Task.WhenAll(ids.Select(id => client.PostAsync($"/api/runs/{id}/stop", null)));

        Assert.All(stops, stop => Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode));
        var store = host.Get<RunStore>();
        foreach (var id in ids)
        {
            var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(2));
            Assert.Equal(RunStatus.Stopped, run.GetProperty("status").GetString());
            if (run.GetProperty("run").GetProperty("message").GetString() == RunCommands.StoppedWhileQueued)
                Assert.IsType<Dashboard.Training.Events.RunEnded>(Assert.Single(store.Events(id)).Event); // never started: only the end is stored
        }
    }
}
