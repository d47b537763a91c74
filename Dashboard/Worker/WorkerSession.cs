using Dashboard.Configuration;
using Dashboard.Runs.Executors;
using Dashboard.Runs.Workers;
using Dashboard.Training.Recipes;

namespace Dashboard.Worker;

/// <summary>
/// One run in worker mode: reads the assignment, trains on a long-running thread with events into a
/// <see cref="WorkerOutbox"/>, and meanwhile sends them in batches (a heartbeat when there are none), retrying while the
/// server is unreachable. A resume point is written at an epoch end only once the server has every event up to it, so
/// a resumed run's stored history always reaches its resume point. A reply saying "stop" stops training at its next
/// batch. A server lost for longer than the worker may wait, or one that refuses the worker, stops training (the last
/// resume point the server's history reaches stays on disk) and ends the process without reporting; otherwise every
/// event is delivered, then the end. A worker without the shared folder (<see cref="WorkerUploads"/>) first downloads
/// the run's resume point, and reports the end once its files are uploaded.
/// </summary>
public sealed class WorkerSession(WorkerConnection connection, string runId, ILogger logger)
{
    private const int BatchSize = 256;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource stop = new();

    /// <summary>Stops training at its next batch (a stop from the server, or SIGTERM); events are still delivered.</summary>
    public void RequestStop() => stop.Cancel();

    /// <param name="paths">Where the run's resume point and checkpoints are (<see cref="ResumeStore"/>).</param>
    /// <param name="uploads">For a worker without the shared folder: its files go to the server, and its resume point comes from it.</param>
    public async Task<int> RunAsync(Func<RecipeEnvironment> environment, DashboardPaths paths, WorkerUploads? uploads)
    {
        var assignment = await UntilDeliveredAsync(connection.AssignmentAsync);
        if (assignment is null || (uploads is not null && !await ResumeDownload.FetchAsync(connection, paths, runId))) return GaveUp();
        var outbox = new WorkerOutbox(assignment.LastSequence);
        var resume = new ResumeStore(paths.RunFolder(runId), outbox.WaitUntilDelivered, uploads is null ? null : uploads.ResumePointWritten);
        var sending = uploads?.SendAsync() ?? Task.CompletedTask;
        var events = uploads?.Watching(outbox) ?? outbox;
        var training = Task.Factory.StartNew(() => RunTraining.Train(runId, () => RecipeParser.Parse(assignment.RecipeJson), environment, resume, events, stop.Token, logger),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!await DeliverWhileTrainingAsync(training, outbox))
        {
            outbox.Abandon();
            RequestStop();
            await training;
            return GaveUp();
        }
        var outcome = await training;
        return await ReportEndAsync(outcome, outbox.LastSequence, uploads is null ? null : await uploads.FinishAsync(sending));
    }

    private async Task<int> ReportEndAsync(RunOutcome outcome, long lastSequence, string? notUploaded)
    {
        var end = new WorkerEnd(outcome.Status, Message(outcome, notUploaded), outcome.Accuracy, outcome.TtaAccuracy, lastSequence);
        var ended = await UntilDeliveredAsync(async () => (await connection.EndAsync(end), end));
        return ended is null ? GaveUp() : WorkerExitCodes.Ended;
    }

    /// <summary>The outcome's message, with why files did not reach the server (a finished run keeps its status: its events and results are stored).</summary>
    private static string? Message(RunOutcome outcome, string? notUploaded) =>
        notUploaded is null ? outcome.Message : string.Join("; ", new[] { outcome.Message, notUploaded }.Where(m => m is not null));

    /// <summary>Sends batches until training has ended and every event is stored; false when the server was lost or refused the worker.</summary>
    private async Task<bool> DeliverWhileTrainingAsync(Task training, WorkerOutbox outbox)
    {
        var sinceSend = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            bool trained = training.IsCompleted;
            if (outbox.Count > 0 || trained || sinceSend.Elapsed >= HeartbeatInterval)
            {
                sinceSend.Restart();
                var delivery = await SendAsync(outbox);
                if (delivery == Delivery.Refused || connection.Lost) return false;
                if (trained && outbox.Count == 0) return true;
                if (delivery == Delivery.Unreachable) { await Task.Delay(RetryInterval); continue; }
                if (outbox.Count >= BatchSize) continue;
            }
            await Task.WhenAny(training, outbox.WaitForFlushRequestAsync(PollInterval));
        }
    }

    private async Task<Delivery> SendAsync(WorkerOutbox outbox)
    {
        var batch = outbox.Oldest(BatchSize);
        var (delivery, reply) = await connection.SendAsync(new WorkerBatch(batch));
        if (reply is null) return delivery;
        if (batch.Count > 0 && reply.Acknowledged < batch[0].Sequence - 1)
        {
            connection.Refuse($"the server has events up to {reply.Acknowledged} only, the worker's oldest unsent one is {batch[0].Sequence}");
            return Delivery.Refused;
        }
        outbox.Acknowledge(reply.Acknowledged);
        if (reply.Stop && !stop.IsCancellationRequested)
        {
            logger.LogInformation("Run {RunId}: the server asks to stop", runId);
            RequestStop();
        }
        return delivery;
    }

    /// <summary>Repeats a call until the server answers it; null when the server was lost or refused the worker.</summary>
    private async Task<T?> UntilDeliveredAsync<T>(Func<Task<(Delivery, T?)>> call) where T : class
    {
        while (true)
        {
            var (delivery, value) = await call();
            if (delivery == Delivery.Delivered) return value;
            if (delivery == Delivery.Refused || connection.Lost) return null;
            await Task.Delay(RetryInterval);
        }
    }

    private int GaveUp()
    {
        if (connection.RefusedBecause is { } reason)
        {
            logger.LogError("Run {RunId}: stopped, {Reason}", runId, reason);
            return WorkerExitCodes.Refused;
        }
        logger.LogError("Run {RunId}: the server could not be reached for too long; stopped at the last epoch's resume point", runId);
        return WorkerExitCodes.LostServer;
    }
}
