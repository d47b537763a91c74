using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Runs.Executors;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>Helpers for tests of runs in worker processes: a host with the process executor, and checks of a run's stored events.</summary>
public static class WorkerRuns
{
    /// <param name="scratchFolder">When given, workers do not share the server's folder: they write there and upload (<c>Dashboard:WorkerFiles:ScratchFolder</c>).</param>
    public static Task<DashboardHost> StartHostAsync(Uri? serverUrl = null, int serverLossSeconds = 60, int slots = 1, string? dataFolder = null, string? scratchFolder = null) =>
        DashboardHost.StartAsync(dataFolder, new Dictionary<string, string?>
        {
            ["Dashboard:Executor"] = ExecutorNames.Process, ["Dashboard:Process:ServerUrl"] = serverUrl?.ToString(),
            ["Dashboard:Process:ServerLossSeconds"] = serverLossSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dashboard:Process:Slots"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dashboard:WorkerFiles:ScratchFolder"] = scratchFolder,
        });

    public static async Task<string> SubmitAsync(HttpClient client, string recipe)
    {
        var created = await client.PostAsync("/api/runs", ApiWaits.Json(recipe));
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the run's worker has stored at least one training batch.</summary>
    public static Task WaitForBatchAsync(DashboardHost host, string runId) =>
        ApiWaits.WaitForRunAsync(host.Get<RunStore>(), runId, () => host.Get<RunStore>().Events(runId).Any(e => e.Event is BatchEnded), TimeSpan.FromMinutes(3));

    /// <summary>Sequences 1..N without a gap, and every batch of every fit that was started (a fit that was not stopped).</summary>
    public static void AssertCompleteAndInOrder(IReadOnlyList<RunEvent> events)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        AssertEveryBatchOnce(events);
    }

    /// <summary>The run's start first, then every batch of every fit that was started, once and in order (also in a resumed run's history as it counts).</summary>
    public static void AssertEveryBatchOnce(IReadOnlyList<RunEvent> events)
    {
        Assert.IsType<RunStarted>(events[0].Event);
        var fits = events.Select(e => e.Event).OfType<FitStarted>().ToList();
        Assert.NotEmpty(fits);
        foreach (var fit in fits)
        {
            var batches = events.Select(e => e.Event).OfType<BatchEnded>().Where(b => b.FitIndex == fit.FitIndex).Select(b => b.Iteration);
            Assert.Equal(Enumerable.Range(0, fit.Epochs * fit.BatchesPerEpoch), batches);
        }
    }
}
