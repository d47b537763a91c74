namespace Dashboard.Training.Schedules;

/// <summary>Pure arithmetic of the learning-rate finder: the sweep, loss smoothing, stopping and suggestions.</summary>
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

    /// <summary>
    /// The rate where the smoothed loss falls fastest against log10(rate), ignoring <paramref name="skipStart"/> and
    /// <paramref name="skipEnd"/> points at the ends (shrunk when the curve is short).
    /// </summary>
    public static double SteepestDescent(IReadOnlyList<double> rates, IReadOnlyList<double> smoothedLosses, int skipStart = 10, int skipEnd = 5)
    {
        RequireCurve(rates, smoothedLosses);
        int n = rates.Count;
        while (skipStart + skipEnd > n - 2 && (skipStart > 0 || skipEnd > 0))
        {
            if (skipStart >= skipEnd && skipStart > 0) skipStart--; else skipEnd--;
        }
        int best = skipStart;
        double bestSlope = double.PositiveInfinity;
        for (int i = skipStart; i < n - skipEnd; i++)
        {
            double slope = Slope(rates, smoothedLosses, i);
            if (slope < bestSlope) { bestSlope = slope; best = i; }
        }
        return rates[best];
    }

    /// <summary>fastai's rule of thumb: the rate of the minimum smoothed loss, divided by 10.</summary>
    public static double MinimumOverTen(IReadOnlyList<double> rates, IReadOnlyList<double> smoothedLosses)
    {
        RequireCurve(rates, smoothedLosses);
        int best = 0;
        for (int i = 1; i < smoothedLosses.Count; i++) if (smoothedLosses[i] < smoothedLosses[best]) best = i;
        return rates[best] / 10;
    }

    /// <summary>Central difference of loss against log10(rate) (one-sided at the ends).</summary>
    private static double Slope(IReadOnlyList<double> rates, IReadOnlyList<double> losses, int i)
    {
        int lo = Math.Max(0, i - 1), hi = Math.Min(rates.Count - 1, i + 1);
        if (hi == lo) return 0;
        return (losses[hi] - losses[lo]) / (Math.Log10(rates[hi]) - Math.Log10(rates[lo]));
    }

    private static void RequireCurve(IReadOnlyList<double> rates, IReadOnlyList<double> losses)
    {
        if (rates.Count == 0 || rates.Count != losses.Count)
            throw new ArgumentException("The learning-rate curve needs as many losses as rates, and at least one point.");
    }
}
