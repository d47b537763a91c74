using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>Folds a run's events, in order, into its <see cref="RunMetrics"/>; more events can be added after a build.</summary>
public sealed class RunMetricsBuilder
{
    private readonly List<EpochEnded> epochs = [];
    private readonly List<string> checkpoints = [];
    private LrFindCompleted? lrFind;
    private TtaCompleted? tta;
    private int batches;

    public void Add(TrainingEvent trainingEvent)
    {
        switch (trainingEvent)
        {
            case EpochEnded epoch: epochs.Add(epoch); break;
            case LrFindCompleted found: lrFind = found; break;
            case TtaCompleted completed: tta = completed; break;
            case BatchEnded: batches++; break;
            case Saved saved when !checkpoints.Contains(saved.Name): checkpoints.Add(saved.Name); break;
        }
    }

    /// <summary>A snapshot: later <see cref="Add"/> calls do not change it.</summary>
    public RunMetrics Build() => new(epochs.ToArray(), lrFind, tta, batches, checkpoints.ToArray());
}
