namespace Dashboard.Training.Schedules;

/// <summary>Pure arithmetic of the learning-rate finder: the sweep, loss smoothing and stopping (suggestions: <see cref="LrSuggestions"/>).</summary>
public static class LrFinderCurve
{
    /// <summary>Learning rate of sweep iteration i of n: geometric from start to end, both reached.</summary>
    public static double SweepRate(int iteration, int iterations, double start, double end) =>
        iterations <= 1 ? start : Anneal.Exponential(start, end)((double)iteration / (iterations - 1));

    /// <summary>Exponentially smoothed losses with bias correction: avg/(1-β^(i+1)).</summary>
    public static double[] Smooth(IReadOnlyList<double> losses, double beta)
    {
        var smoothed = new double[losses.Count];
        double average = 0;
        for (int i = 0; i < losses.Count; i++)
        {
            average = beta * average + (1 - beta) * losses[i];
            smoothed[i] = average / (1 - Math.Pow(beta, i + 1));
        }
        return smoothed;
    }

    /// <summary>True when the sweep should stop: the smoothed loss diverged past factor × the best so far, or is not finite.</summary>
    public static bool Diverged(double smoothedLoss, double bestSmoothedLoss, double factor) =>
        !double.IsFinite(smoothedLoss) || smoothedLoss > factor * bestSmoothedLoss;
}
