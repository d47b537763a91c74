using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>
/// Folds a run's stored events, in order, into its <see cref="RunMetrics"/>; more events can be added after a build. A
/// <see cref="RunResumed"/> drops what its superseded events had added (see <see cref="RunHistory"/>).
/// </summary>
public sealed class RunMetricsBuilder
{
    private readonly SequencedList<EpochEnded> epochs = new();
    private readonly SequencedList<string> checkpoints = new();
    private readonly SequencedList<LrFindCompleted> lrFinds = new();
    private readonly SequencedList<TtaCompleted> ttas = new();
    private readonly SequencedList<bool> batches = new();
    private readonly ActiveTime activeTime = new();

    public void Add(RunEvent stored)
    {
        activeTime.Add(stored.Event);
        long sequence = stored.Sequence;
        switch (stored.Event)
        {
            case RunResumed resumed: DropAfter(resumed.LastKeptSequence); break;
            case EpochEnded epoch: epochs.Add(sequence, epoch); break;
            case LrFindCompleted found: lrFinds.Add(sequence, found); break;
            case TtaCompleted completed: ttas.Add(sequence, completed); break;
            case BatchEnded: batches.Add(sequence, true); break;
            case Saved saved when !checkpoints.Items.Contains(saved.Name): checkpoints.Add(sequence, saved.Name); break;
        }
    }

    /// <summary>A snapshot: later <see cref="Add"/> calls do not change it.</summary>
    public RunMetrics Build() => new(epochs.Items.ToArray(), lrFinds.LastOrDefault, ttas.LastOrDefault, batches.Count, checkpoints.Items.ToArray(),
        Math.Round(activeTime.Seconds, 3));

    private void DropAfter(long sequence)
    {
        epochs.DropAfter(sequence);
        checkpoints.DropAfter(sequence);
        lrFinds.DropAfter(sequence);
        ttas.DropAfter(sequence);
        batches.DropAfter(sequence);
    }
}
