using Dashboard.Runs.Executors;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>
/// Starts queued runs on the configured executor (<see cref="IRunExecutor"/>), as many at once as it has slots, and records how each ended.
/// At start-up, before the host reports started, runs left "running" by a dead process become "interrupted" and
/// queued ones are queued again, so nothing the host serves can race that recovery.
/// </summary>
public sealed class RunWorker(RunStore store, RunQueue queue, RunNotifier notifier, RunCancellations cancellations, RunEventRecorder recorder,
    IRunExecutor executor, DashboardPaths paths, WorkerReadiness readiness, ILogger<RunWorker> logger) : BackgroundService
{
    public const string InterruptedMessage = "the server stopped while this run was running";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        RecoverAfterRestart();
        readiness.MarkReady();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, executor.Slots).Select(_ => RunQueuedAsync(stoppingToken)));

    /// <summary>One slot: takes the next queued run when the last one has ended.</summary>
    private async Task RunQueuedAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (store.Find(runId) is { Status: RunStatus.Queued } run) await RunAsync(run, stoppingToken);
        }
    }

    private void RecoverAfterRestart()
    {
        foreach (var run in store.WithStatus(RunStatus.Running).Concat(store.WithStatus(RunStatus.Stopping))) End(run.Id, RunStatus.Interrupted, InterruptedMessage);
        foreach (var run in store.WithStatus(RunStatus.Queued)) queue.Requeue(run.Id);
    }

    private async Task RunAsync(RunSummary run, CancellationToken stoppingToken)
    {
        using var cancellation = cancellations.Register(run.Id, stoppingToken);
        if (!store.SetStatus(run.Id, RunStatus.Running, null, onlyFrom: RunStatus.Queued))
        {
            cancellations.Unregister(run.Id); // stopped while it waited: the stop wins
            return;
        }
        // Before anyone hears it runs: a page rebuilds its view from the store when a run starts again (see RunPage).
        DiscardEventsAfterResumePoint(run.Id, new ResumeStore(paths.RunFolder(run.Id)));
        if (store.Find(run.Id) is { } started) notifier.Publish(started);
        var outcome = await ExecuteAsync(run, cancellation.Token, stoppingToken);
        cancellations.Unregister(run.Id);
        if (outcome.HasResult) store.SetResult(run.Id, outcome.Accuracy, outcome.TtaAccuracy);
        bool hostStopping = stoppingToken.IsCancellationRequested && outcome.Status == RunStatus.Stopped;
        if (hostStopping) End(run.Id, RunStatus.Interrupted, InterruptedMessage);
        else if (outcome.Status == RunStatus.Finished) ChangeStatus(run.Id, outcome.Status, outcome.Message);
        else End(run.Id, outcome.Status, outcome.Message);
    }

    /// <summary>An executor that cannot run at all (no worker process could start) fails the run, with its message.</summary>
    private async Task<RunOutcome> ExecuteAsync(RunSummary run, CancellationToken stop, CancellationToken stoppingToken)
    {
        try { return await executor.ExecuteAsync(run, stop, stoppingToken); }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} could not be executed", run.Id);
            return new RunOutcome(RunStatus.Failed, e.Message);
        }
    }

    /// <summary>A run that ends without completing says so in its event stream (stored before the status, so a follower sees it), then in its status.</summary>
    private void End(string runId, string status, string? message)
    {
        recorder.Record(runId, new RunEnded(status, message));
        ChangeStatus(runId, status, message);
    }

    /// <summary>A resumed run keeps its history up to the resume point's last epoch; what came after is discarded, not duplicated.</summary>
    private void DiscardEventsAfterResumePoint(string runId, ResumeStore resume)
    {
        var stored = store.Events(runId);
        if (stored.Count == 0) return;
        var lastEpoch = resume.TryRead()?.Epochs.LastOrDefault()?.Epoch;
        var keepThrough = stored.LastOrDefault(e => e.Event is EpochEnded ended && ended.Epoch == lastEpoch)?.Sequence ?? 0;
        store.DeleteEventsAfter(runId, keepThrough);
    }

    private void ChangeStatus(string runId, string status, string? message)
    {
        store.SetStatus(runId, status, message);
        if (store.Find(runId) is { } run) notifier.Publish(run);
    }
}
