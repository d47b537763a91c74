namespace Dashboard.Charts;

/// <summary>
/// TensorBoard's smoothing of a noisy series: an exponential moving average with weight <see cref="Weight"/> in [0, 0.999],
/// debiased (divided by 1 − weight^n) so the first points are not pulled towards zero. Follows a source trace: new
/// points are appended, a changed weight recomputes every point.
/// </summary>
public sealed class EmaTrace(LiveTrace trace)
{
    public const double MaxWeight = 0.999;
    private double average, weightPower = 1;
    private int followed;
    private int? sourceVersion;
    private LiveTrace? followedSource;

    public LiveTrace Trace { get; } = trace;
    public double Weight { get; private set; }

    /// <summary>Brings <see cref="Trace"/> up to date with <paramref name="source"/> at <paramref name="weight"/> (clamped to [0, 0.999]).</summary>
    public void Follow(LiveTrace source, double weight)
    {
        weight = Math.Clamp(weight, 0, MaxWeight);
        if (weight != Weight || !ReferenceEquals(source, followedSource) || source.Version != sourceVersion || source.Count < followed) Restart(source, weight);
        for (; followed < source.Count; followed++) Trace.Add(source.X[followed], Next(source.Y[followed]));
    }

    private void Restart(LiveTrace source, double weight)
    {
        (Weight, followedSource, sourceVersion, followed, average, weightPower) = (weight, source, source.Version, 0, 0, 1);
        var xs = new List<double>(source.Count);
        var ys = new List<double>(source.Count);
        for (; followed < source.Count; followed++)
        {
            xs.Add(source.X[followed]);
            ys.Add(Next(source.Y[followed]));
        }
        Trace.Replace(xs, ys);
    }

    private double Next(double value)
    {
        average = average * Weight + (1 - Weight) * value;
        weightPower *= Weight;
        return Weight == 0 ? value : average / (1 - weightPower);
    }
}
