using Dashboard.Training.Events;
using Dashboard.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// The learning-rate finder as a callback of a sweep: an exponential rate per mini-batch until the smoothed loss
/// diverges or the iterations run out. It snapshots the weights, buffers and random state first and puts them back
/// afterwards, whatever happened, so the learner is left exactly as it was.
/// </summary>
public sealed class LrFinder(LrFindOptions options) : LearnerCallback
{
    private readonly List<double> rates = [];
    private readonly List<double> losses = [];
    private ModelSnapshot? snapshot;
    private Tensor? randomState;
    private double average, best = double.PositiveInfinity;

    public override int Order => 10;
    public override bool DuringSweep => true;

    public LrFindResult? Result { get; private set; }

    /// <summary>Epochs a sweep needs to reach its last iteration with this many batches per epoch.</summary>
    public int EpochsFor(int batchesPerEpoch) => (options.MaxIterations + batchesPerEpoch - 1) / batchesPerEpoch;

    public override void BeforeFit(FitContext fit)
    {
        snapshot = ModelSnapshot.Take(fit.Learner.Model);
        randomState = torch.random.get_rng_state().DetachFromDisposeScope();
    }

    public override void BeforeBatch(FitContext fit)
    {
        double rate = LrFinderCurve.SweepRate(fit.Iteration, options.MaxIterations, options.StartLearningRate, options.EndLearningRate);
        fit.SetLearningRates(Enumerable.Repeat(rate, fit.BaseRates.Count).ToArray());
    }

    public override void AfterBatch(FitContext fit)
    {
        int i = rates.Count;
        rates.Add(fit.CurrentLearningRates()[^1]);
        losses.Add(fit.Loss);
        average = options.SmoothingBeta * average + (1 - options.SmoothingBeta) * fit.Loss;
        double smoothed = average / (1 - Math.Pow(options.SmoothingBeta, i + 1));
        fit.Learner.Events.Emit(new LrFindBatchEnded(i, rates[i], fit.Loss, smoothed));
        bool diverged = i > 0 && LrFinderCurve.Diverged(smoothed, best, options.DivergenceFactor);
        best = Math.Min(best, smoothed);
        if (diverged || rates.Count >= options.MaxIterations) fit.StopRequested = true;
    }

    public override void AfterFit(FitContext fit)
    {
        try
        {
            if (fit.Outcome == FitOutcome.Completed) Result = Complete(fit.Learner);
        }
        finally
        {
            snapshot?.Restore(fit.Learner.Model);
            snapshot?.Dispose();
            if (randomState is not null) torch.random.set_rng_state(randomState);
            randomState?.Dispose();
        }
    }

    private LrFindResult Complete(Learner learner)
    {
        var smoothed = LrFinderCurve.Smooth(losses, options.SmoothingBeta);
        var suggestions = LrSuggestions.All(rates, smoothed, options.MaxIterations);
        learner.Events.Emit(new LrFindCompleted(rates, losses, smoothed, suggestions, options.Suggestion));
        return new LrFindResult(rates, losses, smoothed, suggestions, options.Suggestion);
    }
}
