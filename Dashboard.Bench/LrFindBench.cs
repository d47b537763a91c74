using System.Diagnostics;
using Dashboard.Training.Learning;

namespace Dashboard.Bench;

/// <summary>lr_find's wall time and how many of the asked iterations it ran (it stops early if the loss becomes infinite).</summary>
public sealed record LrFindFigures(double Seconds, int Iterations, bool Precomputed);

/// <summary>
/// Times lr_find over <c>iterations</c> mini-batches with the learner as it is (the benchmark uses precomputed
/// activations). The usual stop at 4× the best loss is switched off, so the sweep runs its full length.
/// </summary>
public static class LrFindBench
{
    public static LrFindFigures Measure(Learner learner, int iterations)
    {
        var options = new LrFindOptions { MaxIterations = iterations, DivergenceFactor = double.PositiveInfinity };
        var clock = Stopwatch.StartNew();
        var result = learner.LrFind(options);
        return new LrFindFigures(clock.Elapsed.TotalSeconds, result.LearningRates.Count, learner.Precompute);
    }
}
