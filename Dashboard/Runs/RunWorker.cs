using System.Threading.Channels;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>
/// Runs queued recipes one at a time on a long-running thread. Events go from the trainer through a channel
/// (never awaited in the fit loop) to one pump that stores each and then notifies subscribers.
/// At start-up, before the host reports started, runs left "running" by a dead process become "interrupted" and
/// queued ones are queued again, so nothing the host serves can race that recovery.
/// </summary>
public sealed class RunWorker(RunStore store, RunQueue queue, RunNotifier notifier, RunCancellations cancellations,
    IRecipeEnvironmentFactory environments, DashboardPaths paths, WorkerReadiness readiness, ILogger<RunWorker> logger) : BackgroundService
{
    public const string InterruptedMessage = "the server stopped while this run was running";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        RecoverAfterRestart();
        readiness.MarkReady();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
        var events = Channel.CreateUnbounded<TrainingEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var cancellation = cancellations.Register(run.Id, stoppingToken);
        if (!store.SetStatus(run.Id, RunStatus.Running, null, onlyFrom: RunStatus.Queued))
        {
            cancellations.Unregister(run.Id); // stopped while it waited: the stop wins
            return;
        }
        if (store.Find(run.Id) is { } started) notifier.Publish(started);
        var resume = new ResumeStore(paths.RunFolder(run.Id));
        DiscardEventsAfterResumePoint(run.Id, resume);
        var training = Task.Factory.StartNew(() => Train(run, resume, events.Writer, cancellation.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await foreach (var trainingEvent in events.Reader.ReadAllAsync(CancellationToken.None)) Store(run.Id, trainingEvent);
        var (status, message, result) = await training;
        cancellations.Unregister(run.Id);
        if (result != null) store.SetResult(run.Id, result.Final.Accuracy, result.Final.TtaAccuracy);
        bool hostStopping = stoppingToken.IsCancellationRequested && status == RunStatus.Stopped;
        if (hostStopping) End(run.Id, RunStatus.Interrupted, InterruptedMessage);
        else if (status == RunStatus.Finished) ChangeStatus(run.Id, status, message);
        else End(run.Id, status, message);
    }

    /// <summary>A run that ends without completing says so in its event stream (stored before the status, so a follower sees it), then in its status.</summary>
    private void End(string runId, string status, string? message)
    {
        Store(runId, new RunEnded(status, message));
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

    private (string Status, string? Message, RecipeResult? Result) Train(RunSummary run, ResumeStore resume, ChannelWriter<TrainingEvent> writer, CancellationToken cancellation)
    {
        try
        {
            var recipe = RecipeParser.Parse(run.RecipeJson);
            var result = new RecipeRunner(environments.Create(run.Id)).Run(recipe, new ChannelEventSink(writer), cancellation, resume);
            return cancellation.IsCancellationRequested ? (RunStatus.Stopped, "stopped by request", result) : (RunStatus.Finished, null, result);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return (RunStatus.Stopped, "stopped by request", null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} failed", run.Id);
            return (RunStatus.Failed, e.Message, null);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private void Store(string runId, TrainingEvent trainingEvent)
    {
        try { notifier.Publish(store.Append(runId, trainingEvent)); }
        catch (Exception e) { logger.LogError(e, "Could not store an event of run {RunId}", runId); }
    }

    private void ChangeStatus(string runId, string status, string? message)
    {
        store.SetStatus(runId, status, message);
        if (store.Find(runId) is { } run) notifier.Publish(run);
    }
}
