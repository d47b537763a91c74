using Dashboard.Bench;
using Dashboard.Bench.Efficiency;

namespace Dashboard.Tests.Bench;

/// <summary>The order in which the pipeline fit and the compute-alone fit take turns, and how their clocks become a ratio.</summary>
public sealed class EfficiencyScheduleTests
{
    private const FitSide P = FitSide.Pipeline, C = FitSide.ComputeAlone;

    [Fact]
    public void Rounds_mirror_pipeline_and_compute_alone_and_each_side_warms_up_once()
    {
        var batches = EfficiencySchedule.Batches(rounds: 2, slotBatches: 1, warmupBatches: 2, leadInBatches: 0);

        Assert.Equal(
        [
            new(P, null), new(P, null), new(P, 0),
            new(C, null), new(C, null), new(C, 1), new(C, 2),
            new(P, 3), new(P, 4),
            new(C, 5), new(C, 6),
            new(P, 7),
        ], batches);
        Assert.Equal(new Dictionary<int, int> { [7] = 0, [11] = 1 }, EfficiencySchedule.RoundEnds(batches));
    }

    [Fact]
    public void A_lead_in_opens_every_later_turn_and_both_sides_time_as_many_batches()
    {
        var batches = EfficiencySchedule.Batches(rounds: 3, slotBatches: 2, warmupBatches: 1, leadInBatches: 1);

        var turns = batches.Select((batch, i) => (batch, i)).Where(pair => pair.i == 0 || batches[pair.i - 1].Side != pair.batch.Side).ToList();
        Assert.All(turns, turn => Assert.Null(turn.batch.Slot)); // every turn opens untimed
        Assert.Equal(7, turns.Count); // P, CC, PP, CC, PP, CC, P
        Assert.Equal(12, batches.Count(batch => batch is { Side: P, Slot: not null }));
        Assert.Equal(12, batches.Count(batch => batch is { Side: C, Slot: not null }));
        Assert.All(batches.Where(batch => batch.Slot is not null), batch => Assert.Equal(EfficiencySchedule.SideOf(batch.Slot!.Value), batch.Side));
    }

    [Theory]
    [InlineData(0, 1, 1, 0)]
    [InlineData(1, 0, 1, 0)]
    [InlineData(1, 1, 0, 0)]
    [InlineData(1, 1, 1, -1)]
    public void Out_of_range_settings_are_refused(int rounds, int slotBatches, int warmup, int leadIn) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EfficiencySchedule.Batches(rounds, slotBatches, warmup, leadIn));

    [Fact]
    public void A_slot_runs_from_its_turns_start_or_the_sides_previous_batch_to_its_last_batch()
    {
        var batches = EfficiencySchedule.Batches(rounds: 1, slotBatches: 1, warmupBatches: 1, leadInBatches: 0);
        // pipeline batches: warm-up (ends at 1 s), slot 0 (ends 3 s), then a new turn starting at 10 s: slot 3 (ends 14 s)
        var pipelineEnds = new[] { Mark(1), Mark(3), Mark(14) };
        var pipelineStarts = new Dictionary<int, BatchClock.Mark> { [0] = Mark(0), [2] = Mark(10) };
        // compute alone: warm-up (starts 3.5 s, ends 4.5 s), slot 1 (ends 7.5 s), slot 2 (ends 9.5 s)
        var computeEnds = new[] { Mark(4.5), Mark(7.5), Mark(9.5) };
        var computeStarts = new Dictionary<int, BatchClock.Mark> { [0] = Mark(3.5) };

        var pipeline = SlotTimings.Of(batches, P, pipelineEnds, pipelineStarts);
        var computeAlone = SlotTimings.Of(batches, C, computeEnds, computeStarts);

        Assert.Equal(new Dictionary<int, double> { [0] = 2, [3] = 4 }, pipeline.ToDictionary(pair => pair.Key, pair => pair.Value.Seconds));
        Assert.Equal(new Dictionary<int, double> { [1] = 3, [2] = 2 }, computeAlone.ToDictionary(pair => pair.Key, pair => pair.Value.Seconds));
        Assert.Equal(5.0 / 6, SlotTimings.RoundEfficiency(0, pipeline, computeAlone)!.Value, 12);
        Assert.Null(SlotTimings.RoundEfficiency(0, SlotTimings.Of(batches, P, pipelineEnds[..2], pipelineStarts), computeAlone)); // slot 3 not ended yet
    }

    [Fact]
    public void The_standard_error_comes_from_the_rounds_spread_and_needs_two_rounds()
    {
        var pipeline = new PipelineFigures(10, 40, 4, 0, 8);

        Assert.Equal(0.1 / Math.Sqrt(3), new OursFigures(pipeline, 10, 100, RoundEfficiencies: [1.0, 0.9, 1.1]).PipelineEfficiencyStandardError!.Value, 12);
        Assert.Null(new OursFigures(pipeline, 10, 100, RoundEfficiencies: [0.98]).PipelineEfficiencyStandardError);
        Assert.Null(new OursFigures(pipeline, 10, 100).PipelineEfficiencyStandardError);
    }

    private static BatchClock.Mark Mark(double seconds) => new(seconds, seconds * 2, 0);
}
