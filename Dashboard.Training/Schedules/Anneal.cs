namespace Dashboard.Training.Schedules;

/// <summary>Annealing curves: pure functions from progress in [0, 1] to a value between start and end.</summary>
public static class Anneal
{
    /// <summary>fastai's <c>sched_cos</c>: start + (1 + cos(π(1 − p))) · (end − start) / 2.</summary>
    public static Func<double, double> Cosine(double start, double end) =>
        progress => start + (1 + Math.Cos(Math.PI * (1 - progress))) * (end - start) / 2;

    /// <summary>
    /// fastai's <c>combined_cos(fraction, start, middle, end)</c>: a cosine from start to middle over the first
    /// <paramref name="fraction"/> of progress, then from middle to end. As in fastai's <c>combine_scheds</c>, whose
    /// torch tensors are float32, the phase boundaries and the position within a phase are float32:
    /// phase = the last boundary ≤ p, position = (p − boundary) / (next boundary − boundary).
    /// </summary>
    public static Func<double, double> CombinedCosine(double fraction, double start, double middle, double end)
    {
        if (fraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in [0, 1]");
        var warmUp = Cosine(start, middle);
        var annealing = Cosine(middle, end);
        float boundary = (float)fraction, last = boundary + (float)(1 - fraction);
        return progress =>
        {
            float position = (float)progress;
            return position >= boundary ? annealing((position - boundary) / (last - boundary)) : warmUp(position / boundary);
        };
    }

    public static Func<double, double> Linear(double start, double end) =>
        progress => start + (end - start) * progress;

    /// <summary>Geometric interpolation: equal ratios per step (the learning-rate finder's sweep).</summary>
    public static Func<double, double> Exponential(double start, double end) =>
        progress => start * Math.Pow(end / start, progress);

    public static Func<double, double> Constant(double value) => _ => value;
}
