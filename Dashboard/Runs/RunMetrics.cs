using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>A run's figures rebuilt from its stored events: epochs, the last lr_find, TTA.</summary>
public sealed record RunMetrics(IReadOnlyList<EpochEnded> Epochs, LrFindCompleted? LrFind, TtaCompleted? Tta, int Batches, IReadOnlyList<string> Checkpoints)
{
    public static RunMetrics From(IEnumerable<RunEvent> events)
    {
        var all = events.Select(e => e.Event).ToArray();
        return new RunMetrics(
            all.OfType<EpochEnded>().ToArray(),
            all.OfType<LrFindCompleted>().LastOrDefault(),
            all.OfType<TtaCompleted>().LastOrDefault(),
            all.OfType<BatchEnded>().Count(),
            all.OfType<Saved>().Select(s => s.Name).Distinct().ToArray());
    }
}
