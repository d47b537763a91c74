namespace Dashboard.Bench.Load;

/// <summary>
/// What the load benchmark measured: the fit's throughput alone (before and after) and watched, the event-to-client
/// delays, and whether every client saw every epoch of the watched fit.
/// </summary>
public sealed record LoadReport(
    LoadOptions Options, double AloneBefore, double Watched, double AloneAfter, IReadOnlyList<double> DelaysMilliseconds,
    int Epochs, int ClientsWithEveryEpoch, int Polls, double Seconds)
{
    /// <summary>Batches per second alone: the mean of the runs before and after the watched one (drift cancels out).</summary>
    public double Alone => (AloneBefore + AloneAfter) / 2;

    /// <summary>Share of the lone throughput lost while watched (negative: faster watched, i.e. noise).</summary>
    public double ThroughputDrop => 1 - Watched / Alone;

    public double P95DelayMilliseconds => Percentile(0.95);

    public double MedianDelayMilliseconds => Percentile(0.5);

    public bool EveryClientGotEveryEpoch => ClientsWithEveryEpoch == Options.Clients && Epochs > 0;

    private double Percentile(double fraction)
    {
        if (DelaysMilliseconds.Count == 0) return double.NaN;
        var sorted = DelaysMilliseconds.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * fraction))];
    }
}
