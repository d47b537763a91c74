using System.Net;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

public class ResumeAfterRestartTests
{
    [Fact]
    public async Task A_run_interrupted_by_a_server_shutdown_resumes_from_its_last_epoch_to_the_same_final_epoch_count()
    {
        var folder = Directory.CreateTempSubdirectory("resume-host-").FullName;
        string id;
        await using (var first = await DashboardHost.StartAsync(folder))
        {
            id = first.Get<RunQueue>().Submit(TinyRecipes.FourEpochs).Id;
            await ApiWaits.WaitForRunAsync(first.Get<RunStore>(), id, () => first.Get<RunStore>().Events(id).Any(e => e.Event is EpochEnded), TimeSpan.FromMinutes(2));
        }
        await using var second = await DashboardHost.StartAsync(folder);
        var store = second.Get<RunStore>();
        Assert.Equal(RunStatus.Interrupted, store.Find(id)!.Status);
        int epochsBefore = store.Events(id).Count(e => e.Event is EpochEnded);
        Assert.InRange(epochsBefore, 1, 3);

        using var client = second.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        await ApiWaits.WaitForRunAsync(store, id, () => store.Find(id)!.Status == RunStatus.Finished, TimeSpan.FromMinutes(3));

        var stored = store.Events(id);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        var events = RunHistory.Effective(stored);
        Assert.Equal(new[] { 0, 1, 2, 3 }, events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.Equal(new[] { 0, 1 }, events.Select(e => e.Event).OfType<FitStarted>().Select(f => f.FitIndex));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
    }
}
