namespace Dashboard.Runs.Executors;

/// <summary>How a run's training ended: its status and message, and its final accuracy when it got that far.</summary>
public sealed record RunOutcome(string Status, string? Message, double? Accuracy = null, double? TtaAccuracy = null)
{
    public bool HasResult => Accuracy is not null;
}
