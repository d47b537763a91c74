namespace Dashboard.Bench.Efficiency;

/// <summary>
/// The two fits' clocks as slot timings: a slot runs from the moment its turn opened (when it is the turn's first batch)
/// or the end of its side's batch before it (the warm-up, a lead-in or the turn's previous slot) to the end of its last
/// batch, so the other side's batches are never inside a slot.
/// </summary>
internal static class SlotTimings
{
    /// <summary>Each slot of <paramref name="side"/> whose batches have all ended, by slot number.</summary>
    public static IReadOnlyDictionary<int, BatchClock.Mark> Of(IReadOnlyList<ScheduledBatch> schedule, FitSide side, BatchClock clock) =>
        Of(schedule, side, clock.Ends, clock.TurnStarts);

    /// <summary>As above, from the side's batch ends and turn starts (by the side's batch index).</summary>
    public static IReadOnlyDictionary<int, BatchClock.Mark> Of(IReadOnlyList<ScheduledBatch> schedule, FitSide side,
        IReadOnlyList<BatchClock.Mark> ends, IReadOnlyDictionary<int, BatchClock.Mark> turnStarts)
    {
        var slots = new Dictionary<int, (int First, int Last)>();
        var index = 0;
        foreach (var batch in schedule.Where(batch => batch.Side == side))
        {
            if (batch.Slot is int slot) slots[slot] = slots.TryGetValue(slot, out var range) ? (range.First, index) : (index, index);
            index++;
        }
        return slots.Where(pair => pair.Value.Last < ends.Count).ToDictionary(pair => pair.Key,
            pair => ends[pair.Value.Last] - (turnStarts.TryGetValue(pair.Value.First, out var start) ? start : ends[pair.Value.First - 1]));
    }

    /// <summary>
    /// One round's pipeline ÷ compute alone (slots hold equal images, so compute-alone seconds ÷ pipeline seconds);
    /// null until all four of its slots have ended.
    /// </summary>
    public static double? RoundEfficiency(int round, IReadOnlyDictionary<int, BatchClock.Mark> pipeline, IReadOnlyDictionary<int, BatchClock.Mark> computeAlone)
    {
        var slots = Enumerable.Range(round * EfficiencySchedule.SlotsPerRound, EfficiencySchedule.SlotsPerRound).ToList();
        var (pipelineSlots, computeSlots) = (slots.Where(Is(FitSide.Pipeline)).ToList(), slots.Where(Is(FitSide.ComputeAlone)).ToList());
        if (!pipelineSlots.All(pipeline.ContainsKey) || !computeSlots.All(computeAlone.ContainsKey)) return null;
        return computeSlots.Sum(slot => computeAlone[slot].Seconds) / pipelineSlots.Sum(slot => pipeline[slot].Seconds);
    }

    private static Func<int, bool> Is(FitSide side) => slot => EfficiencySchedule.SideOf(slot) == side;
}
