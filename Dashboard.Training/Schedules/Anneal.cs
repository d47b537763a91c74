namespace Dashboard.Training.Schedules;

/// <summary>Annealing curves: pure functions from progress in [0, 1] to a value between start and end.</summary>
public static class Anneal
{
    public static Func<double, double> Cosine(double start, double end) =>
        progress => end + (start - end) / 2 * (1 + Math.Cos(Math.PI * progress));

    public static Func<double, double> Linear(double start, double end) =>
        progress => start + (end - start) * progress;

    /// <summary>Geometric interpolation: equal ratios per step (the learning-rate finder's sweep).</summary>
    public static Func<double, double> Exponential(double start, double end) =>
        progress => start * Math.Pow(end / start, progress);

    public static Func<double, double> Constant(double value) => _ => value;
}
