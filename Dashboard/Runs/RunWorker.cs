using Dashboard.Configuration;
using Dashboard.Runs.Executors;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>
/// Starts queued runs on the configured executor (<see cref="IRunExecutor"/>), as many at once as it has slots, and records how each ended.
/// At start-up, before the host reports started, runs left "running" go on with their worker when the executor can
/// re-attach to it (<see cref="IRunExecutor.Reattach"/>), else become "interrupted"; queued ones are queued again, so
/// nothing the host serves can race that recovery.
/// </summary>
public sealed class RunWorker(RunStore store, RunLedger ledger, RunQueue queue, RunCancellations cancellations, RunEventRecorder recorder,
    IRunExecutor executor, DashboardPaths paths, WorkerReadiness readiness, ILogger<RunWorker> logger) : BackgroundService
{
    private readonly List<Task> reattached = [];

    /// <summary>Cancelled when the host stops: re-attached runs start before <see cref="ExecuteAsync"/> has its token.</summary>
    private readonly CancellationTokenSource hostStopping = new();

    public const string InterruptedMessage = "the server stopped while this run was running";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        RecoverAfterRestart();
        readiness.MarkReady();
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        hostStopping.Cancel();
        return base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        hostStopping.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(Enumerable.Range(0, executor.Slots)
        .Select(slot => RunQueuedAsync(reattached.Where((_, index) => index % executor.Slots == slot), stoppingToken)));

    /// <summary>One slot: first the re-attached runs it holds, then the next queued run whenever the last one has ended.</summary>
    private async Task RunQueuedAsync(IEnumerable<Task> reattachedRuns, CancellationToken stoppingToken)
    {
        await Task.WhenAll(reattachedRuns);
        await foreach (var queued in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (store.Find(queued.RunId) is { Status: RunStatus.Queued } run) await RunAsync(run, queued.Recipe, stoppingToken);
        }
    }

    private void RecoverAfterRestart()
    {
        foreach (var run in store.WithStatus(RunStatus.Running).Concat(store.WithStatus(RunStatus.Stopping)))
            if (!Reattach(run)) End(run.Id, RunStatus.Interrupted, InterruptedMessage);
        foreach (var run in store.WithStatus(RunStatus.Queued)) queue.Requeue(run.Id);
    }

    /// <summary>A run whose worker outlived the previous server goes on with it; a stop asked before the restart is asked again.</summary>
    private bool Reattach(RunSummary run)
    {
        var stopping = hostStopping.Token;
        var cancellation = cancellations.Register(run.Id, stopping);
        var supervision = executor.Reattach(run, cancellation.Token, stopping);
        if (supervision is null)
        {
            cancellations.Unregister(run.Id);
            return false;
        }
        if (run.Status == RunStatus.Stopping) cancellation.Cancel();
        reattached.Add(FinishReattachedAsync(run, supervision, stopping));
        return true;
    }

    private async Task FinishReattachedAsync(RunSummary run, Task<RunOutcome> supervision, CancellationToken stoppingToken) =>
        RecordOutcome(run.Id, await OutcomeOfAsync(run, () => supervision), stoppingToken);

    /// <param name="recipe">The run's recipe as parsed on submission; null for a run queued again, whose stored recipe is parsed here (a failure fails the run).</param>
    private async Task RunAsync(RunSummary run, Recipe? recipe, CancellationToken stoppingToken)
    {
        using var cancellation = cancellations.Register(run.Id, stoppingToken);
        if (!ledger.SetStatus(run.Id, RunStatus.Running, null, onlyFrom: RunStatus.Queued))
        {
            cancellations.Unregister(run.Id); // stopped while it waited: the stop wins
            return;
        }
        MarkResumed(run.Id, new ResumeStore(paths.RunFolder(run.Id)));
        RecordOutcome(run.Id, await OutcomeOfAsync(run, () =>
            executor.ExecuteAsync(run, recipe ?? RecipeParser.Parse(run.RecipeJson), cancellation.Token, stoppingToken)), stoppingToken);
    }

    private void RecordOutcome(string runId, RunOutcome outcome, CancellationToken stoppingToken)
    {
        cancellations.Unregister(runId);
        if (outcome == RunOutcome.Detached) return; // its worker trains on: the next start re-attaches to it, or interrupts the run
        if (outcome.HasResult) store.SetResult(runId, outcome.Accuracy, outcome.TtaAccuracy); // heard with the status written next
        bool hostStopping = stoppingToken.IsCancellationRequested && outcome.Status == RunStatus.Stopped;
        if (hostStopping) End(runId, RunStatus.Interrupted, InterruptedMessage);
        else if (outcome.Status == RunStatus.Finished) ledger.SetStatus(runId, outcome.Status, outcome.Message);
        else End(runId, outcome.Status, outcome.Message);
    }

    /// <summary>An executor that cannot run at all (no worker process could start, sbatch failed) fails the run, with its message.</summary>
    private async Task<RunOutcome> OutcomeOfAsync(RunSummary run, Func<Task<RunOutcome>> execution)
    {
        try { return await execution(); }
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
        ledger.SetStatus(runId, status, message);
    }

    /// <summary>
    /// A resumed run keeps its history up to the resume point's last epoch: a <see cref="RunResumed"/> marks what came after
    /// it as superseded (the trainer does it again), before the trainer starts. Nothing is deleted, no number reused.
    /// </summary>
    private void MarkResumed(string runId, ResumeStore resume)
    {
        var counted = RunHistory.Effective(store.Events(runId));
        if (counted.Count == 0) return;
        var lastEpoch = resume.TryRead()?.Epochs.LastOrDefault()?.Epoch;
        var keptThrough = counted.LastOrDefault(e => e.Event is EpochEnded ended && ended.Epoch == lastEpoch)?.Sequence ?? 0;
        recorder.Record(runId, new RunResumed(lastEpoch + 1 ?? 0, keptThrough));
    }
}
