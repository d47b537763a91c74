using Dashboard.Training.Events;

namespace Dashboard.Runs.Workers;

/// <summary>
/// What a worker process and the server say to each other (<see cref="Api.WorkerEndpoints"/>): HTTP batches, JSON as
/// <see cref="EventJson.Options"/>, authenticated by the run's worker token (<c>Authorization: Worker TOKEN</c>).
/// </summary>
public static class WorkerProtocol
{
    public const string Scheme = "Worker";

    /// <summary>The worker's token travels in this variable, so it is not visible in the process list.</summary>
    public const string TokenVariable = "DASHBOARD_WORKER_TOKEN";

    public static string RunPath(string runId) => $"/api/worker/runs/{Uri.EscapeDataString(runId)}";

    /// <summary>Where a worker without the shared folder uploads (PUT) and downloads (GET) one of the run's files (<see cref="WorkerFiles"/>).</summary>
    public static string FilePath(string runId, string kind, string name) => $"{RunPath(runId)}/files/{kind}/{Uri.EscapeDataString(name)}";
}

/// <summary>The run a worker is to train: its recipe, and the last event the server has, which the worker's numbers follow.</summary>
public sealed record WorkerAssignment(string RunId, string RecipeJson, long LastSequence);

/// <summary>One event as the worker numbered it: numbers follow <see cref="WorkerAssignment.LastSequence"/> without gaps.</summary>
public sealed record NumberedEvent(long Sequence, TrainingEvent Event);

public sealed record WorkerBatch(IReadOnlyList<NumberedEvent> Events);

/// <summary>The server's answer to a batch: every number up to <see cref="Acknowledged"/> is stored; <see cref="Stop"/>: stop at the next batch.</summary>
public sealed record WorkerBatchReply(long Acknowledged, bool Stop);

/// <summary>How the worker's training ended, sent after its last event was acknowledged.</summary>
public sealed record WorkerEnd(string Status, string? Message, double? Accuracy, double? TtaAccuracy, long LastSequence);

/// <summary>Exit codes of the worker command.</summary>
public static class WorkerExitCodes
{
    public const int Ended = 0;
    public const int Usage = 2;
    /// <summary>The server could not be reached for longer than the worker may wait; training stopped.</summary>
    public const int LostServer = 3;
    /// <summary>The server refused the worker (token, or the run is no longer running); training stopped.</summary>
    public const int Refused = 4;
}
