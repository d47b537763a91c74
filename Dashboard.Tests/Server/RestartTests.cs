using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

public class RestartTests
{
    [Fact]
    public async Task A_run_left_running_by_a_dead_process_shows_as_interrupted_with_its_history_and_queued_runs_still_run()
    {
        var folder = Directory.CreateTempSubdirectory("restart-").FullName;
        var store = new RunStore(Path.Combine(folder, "runs.db"));
        var crashed = store.Create("crashed", TinyRecipes.Quick);
        store.SetStatus(crashed.Id, RunStatus.Running);
        store.Append(crashed.Id, new EpochEnded(0, 0, 1.0, 0.9, 0.5, 2.0));
        var waiting = store.Create("waiting", TinyRecipes.Quick);

        await using var host = await DashboardHost.StartAsync(folder);

        await ApiWaits.WaitForRunAsync(host.Get<RunStore>(), waiting.Id, () => host.Get<RunStore>().Find(waiting.Id)!.Status == RunStatus.Finished, TimeSpan.FromMinutes(3));
        var interrupted = host.Get<RunStore>().Find(crashed.Id)!;
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(RunWorker.InterruptedMessage, interrupted.Message);
        var events = host.Get<RunStore>().Events(crashed.Id);
        Assert.IsType<EpochEnded>(events[0].Event);
        Assert.Equal(new RunEnded(RunStatus.Interrupted, RunWorker.InterruptedMessage) { At = events[^1].Event.At }, events[^1].Event);
        Assert.Equal(2, events.Count);
    }
}
