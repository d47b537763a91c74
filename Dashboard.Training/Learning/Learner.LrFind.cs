using Dashboard.Training.Events;
using Dashboard.Training.Schedules;
using TorchSharp;

namespace Dashboard.Training.Learning;

public sealed partial class Learner
{
    /// <summary>
    /// The learning-rate finder: an exponential sweep, one rate per mini-batch, until the smoothed loss diverges.
    /// Uses its own optimizer and restores every weight, buffer and the random state afterwards, so the learner is left unchanged.
    /// </summary>
    public LrFindResult LrFind(LrFindOptions options, CancellationToken cancellation = default)
    {
        LrSuggestions.Require(options.Suggestion);
        using var threads = ThreadsForMode();
        using var snapshot = ModelSnapshot.Take(Model);
        using var randomState = torch.random.get_rng_state();
        var sweep = OptimizerFactory.Create(Model.LayerGroups, Options);
        var saved = optimizer;
        optimizer = sweep;
        try
        {
            var (rates, losses) = Sweep(options, cancellation);
            var smoothed = LrFinderCurve.Smooth(losses, options.SmoothingBeta);
            var suggestions = LrSuggestions.All(rates, smoothed, options.MaxIterations);
            var result = new LrFindResult(rates, losses, smoothed, suggestions, options.Suggestion);
            events.Emit(new LrFindCompleted(rates, losses, smoothed, suggestions, options.Suggestion));
            return result;
        }
        finally
        {
            optimizer = saved;
            sweep.Optimizer.Dispose();
            snapshot.Restore(Model);
            torch.random.set_rng_state(randomState);
        }
    }

    private (List<double> Rates, List<double> Losses) Sweep(LrFindOptions options, CancellationToken cancellation)
    {
        var rates = new List<double>();
        var losses = new List<double>();
        var source = TrainSource();
        double average = 0, best = double.PositiveInfinity;
        Model.train();
        for (int epoch = 0; rates.Count < options.MaxIterations; epoch++)
        {
            foreach (var batch in source.Epoch(epoch, cancellation))
            {
                using var scope = torch.NewDisposeScope();
                using var owned = batch;
                int i = rates.Count;
                double rate = LrFinderCurve.SweepRate(i, options.MaxIterations, options.StartLearningRate, options.EndLearningRate);
                SetLearningRates(Enumerable.Repeat(rate, GroupCount).ToArray(), 1);
                double loss = LossOrInfinity(owned, i);
                average = options.SmoothingBeta * average + (1 - options.SmoothingBeta) * loss;
                double smoothed = average / (1 - Math.Pow(options.SmoothingBeta, i + 1));
                rates.Add(rate);
                losses.Add(loss);
                events.Emit(new LrFindBatchEnded(i, rate, loss, smoothed));
                if (i > 0 && LrFinderCurve.Diverged(smoothed, best, options.DivergenceFactor)) return (rates, losses);
                best = Math.Min(best, smoothed);
                if (rates.Count >= options.MaxIterations) break;
            }
        }
        return (rates, losses);
    }

    private double LossOrInfinity(LabeledBatch batch, int iteration)
    {
        try { return TrainStep(batch, iteration); }
        catch (TrainingDivergedException) { return double.PositiveInfinity; }
    }
}
