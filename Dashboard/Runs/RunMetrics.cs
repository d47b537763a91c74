using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>
/// A run's figures rebuilt from its stored events as they count (a resume's superseded events left out): epochs, the
/// last lr_find, TTA, batches, checkpoints, and <see cref="ActiveSeconds"/>, the time spent running summed over every
/// part of a stopped and resumed run (time queued or stopped between parts not counted).
/// </summary>
public sealed record RunMetrics(IReadOnlyList<EpochEnded> Epochs, LrFindCompleted? LrFind, TtaCompleted? Tta, int Batches, IReadOnlyList<string> Checkpoints,
    double ActiveSeconds)
{
    public static RunMetrics From(IEnumerable<RunEvent> events)
    {
        var builder = new RunMetricsBuilder();
        foreach (var stored in events) builder.Add(stored);
        return builder.Build();
    }
}
