namespace Dashboard.Training.Schedules;

/// <summary>
/// The schedules a fit can follow: fastai 0.7's constant rate and SGDR (<c>CosAnneal</c>), fastai v2's one-cycle.
/// All are pure: same arguments, same plan.
/// </summary>
public static class FitSchedules
{
    /// <summary>fastai 0.7's warm-up: while the fit's iteration is below a cycle's batches / 20, the rate is divided by 100.</summary>
    private const double WarmUpCycleDivisor = 20;
    private const double WarmUpRateDivisor = 100;

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
    /// SGDR as fastai 0.7's <c>CosAnneal</c> computes it, batch by batch. A cycle has nb = batches × cycle length
    /// batches at first, nb × cycleMult after each restart. For the fit's iteration i (counted over the whole fit),
    /// with c the iteration within the cycle: while i &lt; nb / 20 the multiplier is 1/100 (c still advances, so the
    /// warm-up takes the place of the cycle's first cosine values); otherwise it is (cos(π c / nb) + 1) / 2, and when
    /// c + 1 reaches nb the cycle restarts. (With nb = 1 the warm-up steps c past nb and the cycle never restarts: 0.7 does the same.)
    /// </summary>
    public static SchedulePlan Sgdr(int cycles, int cycleLength, int cycleMult, int batchesPerEpoch)
    {
        RequirePositive(batchesPerEpoch, nameof(batchesPerEpoch));
        int epochs = CycleEpochs(cycles, cycleLength, cycleMult).Sum();
        var multipliers = new double[epochs * batchesPerEpoch];
        var restarts = new List<int>();
        long cycleBatches = (long)batchesPerEpoch * cycleLength, inCycle = 0;
        for (int i = 0; i < multipliers.Length; i++)
        {
            if (i < cycleBatches / WarmUpCycleDivisor)
            {
                inCycle++;
                multipliers[i] = 1 / WarmUpRateDivisor;
                continue;
            }
            multipliers[i] = (Math.Cos(Math.PI * inCycle / cycleBatches) + 1) / 2;
            if (++inCycle != cycleBatches) continue;
            (inCycle, cycleBatches) = (0, cycleBatches * cycleMult);
            if (i + 1 < multipliers.Length) restarts.Add(i + 1);
        }
        return new SchedulePlan(multipliers, restarts, epochs, batchesPerEpoch);
    }

    /// <summary>
    /// fastai v2's <c>fit_one_cycle</c>: the rate multiplier is combined_cos(pct_start, 1/div, 1, 1/div_final) and the
    /// momentum combined_cos(pct_start, moms), each evaluated before every batch at fastai's training progress (<see cref="TrainingProgress"/>).
    /// </summary>
    public static SchedulePlan OneCycle(int epochs, int batchesPerEpoch, OneCycleOptions? options = null)
    {
        RequirePositive(epochs, nameof(epochs));
        RequirePositive(batchesPerEpoch, nameof(batchesPerEpoch));
        options = (options ?? new OneCycleOptions()).Validated();
        var rate = Anneal.CombinedCosine(options.PctStart, 1 / options.Div, 1, 1 / options.DivFinal);
        var momentum = Anneal.CombinedCosine(options.PctStart, options.Moms.Start, options.Moms.Middle, options.Moms.End);
        var progress = TrainingProgress(epochs, batchesPerEpoch);
        return new SchedulePlan(progress.Select(rate).ToArray(), [], epochs, batchesPerEpoch, progress.Select(momentum).ToArray());
    }

    /// <summary>
    /// fastai v2's <c>pct_train</c> before each training batch, summed as its TrainEvalCallback sums it: epoch / epochs at
    /// each epoch's start, then + 1 / (batches × epochs) after every batch (so iteration i is at i / total, to rounding).
    /// </summary>
    public static double[] TrainingProgress(int epochs, int batchesPerEpoch)
    {
        var progress = new double[epochs * batchesPerEpoch];
        double step = 1.0 / (batchesPerEpoch * epochs);
        for (int epoch = 0, i = 0; epoch < epochs; epoch++)
        {
            double position = (double)epoch / epochs;
            for (int batch = 0; batch < batchesPerEpoch; batch++, i++, position += step) progress[i] = position;
        }
        return progress;
    }

    private static void RequirePositive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, "must be at least 1");
    }
}
