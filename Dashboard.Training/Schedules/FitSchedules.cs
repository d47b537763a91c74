namespace Dashboard.Training.Schedules;

/// <summary>
/// The schedules a fit can follow, composed from <see cref="Anneal"/> curves. All are pure: same arguments, same plan.
/// </summary>
public static class FitSchedules
{
    /// <summary>Plain training: <paramref name="epochs"/> epochs at the base rate.</summary>
    public static SchedulePlan Constant(int epochs, int batchesPerEpoch)
    {
        RequirePositive(epochs, nameof(epochs));
        RequirePositive(batchesPerEpoch, nameof(batchesPerEpoch));
        var multipliers = Enumerable.Repeat(1.0, epochs * batchesPerEpoch).ToArray();
        return new SchedulePlan(multipliers, [], epochs, batchesPerEpoch);
    }

    /// <summary>Epochs of each SGDR cycle: cycle i lasts cycleLen × cycleMult^i epochs.</summary>
    public static IReadOnlyList<int> CycleEpochs(int cycles, int cycleLength, int cycleMult)
    {
        RequirePositive(cycles, nameof(cycles));
        RequirePositive(cycleLength, nameof(cycleLength));
        RequirePositive(cycleMult, nameof(cycleMult));
        var epochs = new int[cycles];
        for (int i = 0, length = cycleLength; i < cycles; i++, length *= cycleMult) epochs[i] = length;
        return epochs;
    }

    /// <summary>
    /// SGDR: within each cycle the multiplier follows a cosine from 1 towards 0, one step per batch, then restarts at 1.
    /// </summary>
    public static SchedulePlan Sgdr(int cycles, int cycleLength, int cycleMult, int batchesPerEpoch)
    {
        RequirePositive(batchesPerEpoch, nameof(batchesPerEpoch));
        var multipliers = new List<double>();
        var restarts = new List<int>();
        foreach (var cycleEpochs in CycleEpochs(cycles, cycleLength, cycleMult))
        {
            if (multipliers.Count > 0) restarts.Add(multipliers.Count);
            multipliers.AddRange(Sample(Anneal.Cosine(1, 0), cycleEpochs * batchesPerEpoch));
        }
        return new SchedulePlan(multipliers, restarts, multipliers.Count / batchesPerEpoch, batchesPerEpoch);
    }

    /// <summary>
    /// One cycle: a cosine warm-up from 1/<paramref name="divisor"/> to 1 over the first <paramref name="warmupFraction"/>,
    /// then a cosine down to 1/(divisor × finalDivisor).
    /// </summary>
    public static SchedulePlan OneCycle(int epochs, int batchesPerEpoch, double warmupFraction = 0.25, double divisor = 25, double finalDivisor = 1e5)
    {
        RequirePositive(epochs, nameof(epochs));
        RequirePositive(batchesPerEpoch, nameof(batchesPerEpoch));
        if (warmupFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "must be in (0, 1)");
        int total = epochs * batchesPerEpoch;
        int warmup = Math.Max(1, (int)Math.Round(total * warmupFraction));
        var multipliers = Sample(Anneal.Cosine(1 / divisor, 1), warmup)
            .Concat(SampleInclusive(Anneal.Cosine(1, 1 / (divisor * finalDivisor)), total - warmup))
            .ToArray();
        return new SchedulePlan(multipliers, [], epochs, batchesPerEpoch);
    }

    /// <summary>n values at progress i/n, i = 0..n-1 (the end value itself is not reached).</summary>
    public static IEnumerable<double> Sample(Func<double, double> curve, int count) =>
        Enumerable.Range(0, count).Select(i => curve((double)i / count));

    /// <summary>n values at progress i/(n-1), i = 0..n-1 (both ends reached).</summary>
    public static IEnumerable<double> SampleInclusive(Func<double, double> curve, int count) =>
        Enumerable.Range(0, count).Select(i => curve(count == 1 ? 1 : (double)i / (count - 1)));

    private static void RequirePositive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, "must be at least 1");
    }
}
