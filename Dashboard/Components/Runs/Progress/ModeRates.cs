using Dashboard.Training.Events;

namespace Dashboard.Components.Runs.Progress;

/// <summary>
/// Seconds per training batch in each <see cref="TrainingMode"/>, measured from this run's finished epochs (validation
/// included, so an epoch's cost is batches × the rate), and per finder iteration from its sweeps.
/// </summary>
public sealed class ModeRates
{
    private readonly Dictionary<int, (string Mode, int BatchesPerEpoch)> fits = [];
    private readonly Dictionary<string, (double Seconds, int Batches)> epochs = [];
    private (double Seconds, int Iterations) sweeps;
    private DateTimeOffset? lastSweepBatch;

    public void FitStarted(FitStarted fit, string mode) => fits[fit.FitIndex] = (mode, fit.BatchesPerEpoch);

    public void EpochEnded(EpochEnded epoch)
    {
        if (!fits.TryGetValue(epoch.FitIndex, out var fit)) return;
        var (seconds, batches) = epochs.GetValueOrDefault(fit.Mode);
        epochs[fit.Mode] = (seconds + epoch.Seconds, batches + fit.BatchesPerEpoch);
    }

    public void SweepBatch(LrFindBatchEnded batch)
    {
        if (batch.Iteration > 0 && lastSweepBatch is { } last) sweeps = (sweeps.Seconds + (batch.At - last).TotalSeconds, sweeps.Iterations + 1);
        lastSweepBatch = batch.At;
    }

    /// <summary>Seconds per training batch (validation included) in the mode; null before one of its epochs ended.</summary>
    public double? SecondsPerBatch(string mode) => epochs.TryGetValue(mode, out var e) && e.Batches > 0 ? e.Seconds / e.Batches : null;

    /// <summary>Seconds per finder iteration: measured, else the mode's batch rate (a sweep step costs about a training step).</summary>
    public double? SecondsPerSweepIteration(string mode) => sweeps.Iterations > 0 ? sweeps.Seconds / sweeps.Iterations : SecondsPerBatch(mode);
}
