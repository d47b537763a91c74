using System.Diagnostics;
using Dashboard.Runs;
using Dashboard.Runs.Executors;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>
/// The process executor across a restart of the server: workers train on while it is down (they reach it through a
/// proxy, which the restarted server sits behind on its new port), and the restarted server re-attaches to each one still alive.
/// </summary>
public class ReattachAfterRestartTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_restart_mid_fit_leaves_the_worker_training_and_the_restarted_server_takes_every_epoch_once()
    {
        using var proxy = new PausableProxy();
        var folder = Directory.CreateTempSubdirectory("reattach-").FullName;
        string id;
        int pid;
        await using (var first = await WorkerRuns.StartHostAsync(proxy.Address, dataFolder: folder))
        {
            proxy.Target = first.BaseAddress;
            using var client = first.Client();
            id = await WorkerRuns.SubmitAsync(client, TinyRecipes.FourEpochs);
            await ApiWaits.WaitForRunAsync(first.Get<RunStore>(), id, () => first.Get<RunStore>().Events(id).Any(e => e.Event is EpochEnded), RunTimeout);
            pid = first.Get<ProcessExecutor>().WorkerProcessId(id)!.Value;
        }
        Assert.True(IsRunning(pid), "the worker outlives the server");

        await using var second = await WorkerRuns.StartHostAsync(proxy.Address, dataFolder: folder);
        proxy.Target = second.BaseAddress;
        Assert.Equal(pid, second.Get<ProcessExecutor>().WorkerProcessId(id));
        using var restartedClient = second.Client();
        var run = await ApiWaits.WaitForStatusAsync(restartedClient, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Finished == run.GetProperty("status").GetString(), run.ToString());
        var events = second.Get<RunStore>().Events(id);
        WorkerRuns.AssertCompleteAndInOrder(events);
        Assert.Equal(new[] { 0, 1, 2, 3 }, events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.DoesNotContain(events, e => e.Event is RunEnded); // never interrupted
        var epochs = run.GetProperty("metrics").GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal(new[] { 0, 1, 2, 3 }, epochs); // what the run page draws
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_worker_that_died_while_the_server_was_down_leaves_its_run_interrupted_at_the_next_start()
    {
        using var proxy = new PausableProxy();
        var folder = Directory.CreateTempSubdirectory("reattach-dead-").FullName;
        var first = await WorkerRuns.StartHostAsync(proxy.Address, dataFolder: folder);
        proxy.Target = first.BaseAddress;
        using var client = first.Client();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Long);
        await WorkerRuns.WaitForBatchAsync(first, id);
        using var worker = Process.GetProcessById(first.Get<ProcessExecutor>().WorkerProcessId(id)!.Value);
        await first.DisposeAsync();
        worker.Kill();
        await worker.WaitForExitAsync();

        await using var second = await WorkerRuns.StartHostAsync(proxy.Address, dataFolder: folder);

        var run = second.Get<RunStore>().Find(id)!;
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Equal(RunWorker.InterruptedMessage, run.Message);
        Assert.Null(second.Get<ProcessExecutor>().WorkerProcessId(id));
        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }
}
