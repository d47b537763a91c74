namespace Dashboard.Runs;

/// <summary>Life of a run. Stored and sent as lower-case strings.</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    /// <summary>Running, asked to stop: it ends at its next batch.</summary>
    public const string Stopping = "stopping";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Stopped = "stopped";
    public const string Interrupted = "interrupted";

    public static bool IsActive(string status) => status is Queued or Running or Stopping;

    /// <summary>Ended before its last step: it may continue from its last epoch resume point.</summary>
    public static bool IsResumable(string status) => status is Interrupted or Stopped or Failed;
}

/// <summary>A run as stored: its recipe, status and headline figures.</summary>
public sealed record RunSummary(
    string Id, string Name, string Status, string RecipeJson, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    string? Message, double? Accuracy, double? TtaAccuracy, string? Owner = null)
{
    /// <summary>Short words the team tags the run with (see <see cref="Listing.RunAnnotations"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Note { get; init; }
}

/// <summary>One stored event of a run, in order: <see cref="Sequence"/> counts from 1 within the run.</summary>
public sealed record RunEvent(string RunId, long Sequence, Dashboard.Training.Events.TrainingEvent Event);
