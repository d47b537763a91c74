using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>A run's figures rebuilt from its stored events: epochs, the last lr_find, TTA.</summary>
public sealed record RunMetrics(IReadOnlyList<EpochEnded> Epochs, LrFindCompleted? LrFind, TtaCompleted? Tta, int Batches, IReadOnlyList<string> Checkpoints)
{
    public static RunMetrics From(IEnumerable<RunEvent> events)
    {
        var builder = new RunMetricsBuilder();
        foreach (var stored in events) builder.Add(stored.Event);
        return builder.Build();
    }
}
