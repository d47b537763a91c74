namespace Dashboard.Runs.Executors;

/// <summary>How a run's training ended: its status and message, and its final accuracy when it got that far.</summary>
public sealed record RunOutcome(string Status, string? Message, double? Accuracy = null, double? TtaAccuracy = null)
{
    public bool HasResult => Accuracy is not null;

    /// <summary>The host stopped and the run's worker trains on: the run stays running, for the restarted server to re-attach to.</summary>
    public static RunOutcome Detached { get; } = new(RunStatus.Running, "the server stopped; the worker trains on");
}
