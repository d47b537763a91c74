using System.Net;
using Dashboard.Runs;
using Dashboard.Runs.Executors;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

public class ExecutorSlotsTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Two_runs_in_two_slots_train_at_the_same_time_each_in_its_own_worker()
    {
        await using var host = await WorkerRuns.StartHostAsync(slots: 2);
        using var client = host.Client();
        var store = host.Get<RunStore>();
        var executor = host.Get<ProcessExecutor>();
        var ids = new[] { await WorkerRuns.SubmitAsync(client, TinyRecipes.Long), await WorkerRuns.SubmitAsync(client, TinyRecipes.Long) };

        await ApiWaits.WaitForAsync(() => ids.All(id => store.Find(id)!.Status == RunStatus.Running && store.Events(id).Any(e => e.Event is BatchEnded)), RunTimeout);
        var batchesBefore = ids.Select(id => store.Events(id).Count(e => e.Event is BatchEnded)).ToArray();
        await ApiWaits.WaitForAsync(() => ids.Select((id, i) => store.Events(id).Count(e => e.Event is BatchEnded) > batchesBefore[i]).All(more => more), RunTimeout);

        Assert.True(ids.All(id => store.Find(id)!.Status == RunStatus.Running), "both ran while both made progress");
        var pids = ids.Select(id => executor.WorkerProcessId(id)).ToArray();
        Assert.All(pids, pid => Assert.NotNull(pid));
        Assert.NotEqual(pids[0], pids[1]);
        foreach (var id in ids) Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        foreach (var id in ids) await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);
    }

}
