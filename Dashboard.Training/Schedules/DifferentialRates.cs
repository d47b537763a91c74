namespace Dashboard.Training.Schedules;

/// <summary>Differential learning rates from one rate, as fastai spreads <c>slice(rate / ratio, rate)</c> over the layer groups.</summary>
public static class DifferentialRates
{
    /// <summary>fastai's lesson-1 ratio: the earliest group trains at a hundredth of the head's rate.</summary>
    public const double LessonRatio = 100;

    /// <summary>
    /// One rate per layer group, geometric from <paramref name="headRate"/> / <paramref name="ratio"/> (the earliest group) to
    /// <paramref name="headRate"/> (the head): group g of n gets rate / ratio^((n − 1 − g) / (n − 1)); with 3 groups, rate/100, rate/10, rate.
    /// </summary>
    public static double[] Spread(double headRate, int groups, double ratio = LessonRatio)
    {
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, "must be at least 1");
        if (groups == 1) return [headRate];
        return Enumerable.Range(0, groups).Select(g => headRate / Math.Pow(ratio, (double)(groups - 1 - g) / (groups - 1))).ToArray();
    }
}
