using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Runs.Executors;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>Runs in real worker processes (<c>Dashboard:Executor = process</c>) of the real server, on the demo dataset.</summary>
public class ProcessExecutorTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_run_in_a_worker_process_stores_every_event_once_in_order_and_finishes_with_its_accuracy()
    {
        await using var host = await WorkerRuns.StartHostAsync();
        using var client = host.Client();

        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Quick);
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.Equal(RunStatus.Finished, run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("run").GetProperty("accuracy").GetDouble() > 0);
        var events = host.Get<RunStore>().Events(id);
        WorkerRuns.AssertCompleteAndInOrder(events);
        Assert.Equal(2, events.Count(e => e.Event is EpochEnded));
        Assert.IsType<RunCompleted>(events[^1].Event);
        Assert.Null(host.Get<ProcessExecutor>().WorkerProcessId(id));
    }

    [Fact]
    public async Task A_stop_reaches_the_worker_process_which_stops_at_its_next_batch_and_exits()
    {
        await using var host = await WorkerRuns.StartHostAsync();
        using var client = host.Client();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Long);
        await WorkerRuns.WaitForBatchAsync(host, id);
        var pid = host.Get<ProcessExecutor>().WorkerProcessId(id)!.Value;

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Stopped == run.GetProperty("status").GetString(), run.ToString());
        Assert.Equal(RunTraining.StoppedMessage, run.GetProperty("run").GetProperty("message").GetString()); // the worker stopped itself, it was not killed
        Assert.True(HasExited(pid));
        var events = host.Get<RunStore>().Events(id);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Contains(events, e => e.Event is FitStopped);
        Assert.Equal(RunStatus.Stopped, Assert.IsType<RunEnded>(events[^1].Event).Status);
    }

    [Fact]
    public async Task A_worker_killed_with_signal_9_fails_its_run_naming_the_signal_and_the_server_keeps_serving_and_running()
    {
        await using var host = await WorkerRuns.StartHostAsync();
        using var client = host.Client();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Long);
        await WorkerRuns.WaitForBatchAsync(host, id);

        Process.GetProcessById(host.Get<ProcessExecutor>().WorkerProcessId(id)!.Value).Kill(); // SIGKILL on Linux
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.Equal(RunStatus.Failed, run.GetProperty("status").GetString());
        var message = run.GetProperty("run").GetProperty("message").GetString()!;
        Assert.Contains("signal 9", message);
        Assert.Contains("SIGKILL", message);
        Assert.Equal(message, Assert.IsType<RunEnded>(host.Get<RunStore>().Events(id)[^1].Event).Message);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var next = await WorkerRuns.SubmitAsync(client, TinyRecipes.Quick);
        var finished = await ApiWaits.WaitForStatusAsync(client, next, s => !RunStatus.IsActive(s), RunTimeout);
        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_worker_that_cannot_reach_the_server_for_a_while_buffers_its_events_and_delivers_them_all_later()
    {
        using var proxy = new PausableProxy();
        await using var host = await WorkerRuns.StartHostAsync(proxy.Address);
        proxy.Target = host.BaseAddress;
        using var client = host.Client();
        var store = host.Get<RunStore>();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.FourEpochs);
        await WorkerRuns.WaitForBatchAsync(host, id);

        proxy.Pause();
        await ApiWaits.WaitForAsync(() => proxy.Refused >= 1, RunTimeout);
        long storedWhenCut = store.LastSequence(id);
        await ApiWaits.WaitForAsync(() => proxy.Refused >= 4 || store.Find(id)!.Status != RunStatus.Running, RunTimeout); // the worker kept trying, and was refused each time
        Assert.True(store.Find(id)!.Status == RunStatus.Running, store.Find(id)!.ToString());
        Assert.Equal(storedWhenCut, store.LastSequence(id));
        proxy.Resume();
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Finished == run.GetProperty("status").GetString(), run.ToString());
        var events = store.Events(id);
        WorkerRuns.AssertCompleteAndInOrder(events);
        Assert.Equal(new[] { 0, 1, 2, 3 }, events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.IsType<RunCompleted>(events[^1].Event);
    }

    [Fact]
    public async Task A_worker_that_loses_the_server_for_longer_than_allowed_stops_the_run_interrupted_and_it_resumes_to_the_end()
    {
        using var proxy = new PausableProxy();
        await using var host = await WorkerRuns.StartHostAsync(proxy.Address, serverLossSeconds: 5);
        proxy.Target = host.BaseAddress;
        using var client = host.Client();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.FourEpochs);
        var resume = new Dashboard.Training.Recipes.ResumeStore(host.Get<DashboardPaths>().RunFolder(id));
        await ApiWaits.WaitForAsync(() => resume.TryRead() is not null, RunTimeout); // written once the server stored the epoch

        proxy.Pause();
        var interrupted = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Interrupted == interrupted.GetProperty("status").GetString(), interrupted.ToString());
        Assert.Contains("could not reach the server for 5 s", interrupted.GetProperty("run").GetProperty("message").GetString());
        var lastEpoch = resume.TryRead()!.Epochs[^1].Epoch;
        Assert.Contains(host.Get<RunStore>().Events(id), e => e.Event is EpochEnded ended && ended.Epoch == lastEpoch); // the history reaches the resume point
        proxy.Resume();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);
        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
        var epochs = finished.GetProperty("metrics").GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal(new[] { 0, 1, 2, 3 }, epochs);
        var stored = host.Get<RunStore>().Events(id); // the second worker numbered on after the resume's marker: nothing reused, nothing skipped
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.Single(stored, e => e.Event is RunResumed);
        WorkerRuns.AssertEveryBatchOnce(RunHistory.Effective(stored));
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException) { return true; }
    }
}
