namespace Dashboard.Bench.Efficiency;

/// <summary>Which of the two fits of the efficiency measurement a batch belongs to.</summary>
public enum FitSide { Pipeline, ComputeAlone }

/// <summary>One batch in the order the two fits take turns; <see cref="Slot"/> null: untimed (warm-up, or a lead-in after a switch).</summary>
public readonly record struct ScheduledBatch(FitSide Side, int? Slot);

/// <summary>
/// The order in which the pipeline fit and the compute-alone fit take turns: rounds of four slots (pipeline, compute
/// alone, compute alone, pipeline) of the same number of timed batches. Neighbouring slots of one side make one turn,
/// and a side's first turn opens with its warm-up (untimed); later turns may open with untimed lead-in batches too. Short
/// turns see the same machine speed, and the mirrored order within each round cancels a steady drift, so the ratio is
/// what loading costs the training.
/// </summary>
public static class EfficiencySchedule
{
    public const int SlotsPerRound = 4;

    private static readonly FitSide[] RoundOrder = [FitSide.Pipeline, FitSide.ComputeAlone, FitSide.ComputeAlone, FitSide.Pipeline];

    public static IReadOnlyList<ScheduledBatch> Batches(int rounds, int slotBatches, int warmupBatches, int leadInBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupBatches, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(leadInBatches);
        var batches = new List<ScheduledBatch>();
        var warmedUp = new HashSet<FitSide>();
        FitSide? previous = null;
        for (var slot = 0; slot < rounds * SlotsPerRound; slot++)
        {
            var side = SideOf(slot);
            if (side != previous)
                batches.AddRange(Enumerable.Repeat(new ScheduledBatch(side, null), warmedUp.Add(side) ? warmupBatches : leadInBatches));
            batches.AddRange(Enumerable.Repeat(new ScheduledBatch(side, slot), slotBatches));
            previous = side;
        }
        return batches;
    }

    public static FitSide SideOf(int slot) => RoundOrder[slot % SlotsPerRound];

    public static int RoundOf(int slot) => slot / SlotsPerRound;

    /// <summary>Each round's last batch, by its place in <paramref name="batches"/>: where a round's figures are complete.</summary>
    public static IReadOnlyDictionary<int, int> RoundEnds(IReadOnlyList<ScheduledBatch> batches) =>
        Enumerable.Range(0, batches.Count)
            .Where(i => batches[i].Slot is int slot && slot % SlotsPerRound == SlotsPerRound - 1 && (i + 1 == batches.Count || batches[i + 1].Slot != slot))
            .ToDictionary(i => i, i => RoundOf(batches[i].Slot!.Value));
}
