using Dashboard.Training.Schedules;

namespace Dashboard.Tests.Schedules;

public class FitSchedulesTests
{
    [Fact]
    public void Sgdr_three_cycles_of_one_doubling_gives_seven_epochs_restarting_after_epochs_one_and_three()
    {
        var plan = FitSchedules.Sgdr(cycles: 3, cycleLength: 1, cycleMult: 2, batchesPerEpoch: 4);

        Assert.Equal(7, plan.Epochs);
        Assert.Equal(28, plan.Iterations);
        Assert.Equal(new[] { 4, 12 }, plan.RestartIterations);
        Assert.Equal(new[] { 1, 2, 4 }, FitSchedules.CycleEpochs(3, 1, 2));
    }

    [Fact]
    public void Sgdr_warms_up_at_a_hundredth_for_the_first_twentieth_of_the_first_cycle_then_follows_fastai_07s_cosine()
    {
        var plan = FitSchedules.Sgdr(cycles: 2, cycleLength: 1, cycleMult: 1, batchesPerEpoch: 4);

        // nb = 4. Iteration 0 < 4 / 20: 1/100, and the cycle iteration c moves on to 1. Then (cos(π c / 4) + 1) / 2 for c = 1, 2, 3;
        // c reaches 4 = nb: restart. Iteration 4 is not < 4 / 20, so the second cycle starts at c = 0 with (cos 0 + 1) / 2 = 1.
        double Cosine(int c) => (Math.Cos(Math.PI * c / 4) + 1) / 2;
        double[] expected = [0.01, Cosine(1), Cosine(2), Cosine(3), 1, Cosine(1), Cosine(2), Cosine(3)];
        Assert.Equal(expected, plan.Multipliers, new ToleranceComparer(1e-15));
        Assert.Equal(0.5, plan.Multipliers[2], 15);
        Assert.Equal([4], plan.RestartIterations);
    }

    [Fact]
    public void Sgdr_warm_up_covers_every_iteration_below_a_twentieth_of_the_cycle_and_skips_those_cosine_values()
    {
        var plan = FitSchedules.Sgdr(cycles: 2, cycleLength: 1, cycleMult: 2, batchesPerEpoch: 50);

        // nb = 50: iterations 0, 1, 2 are < 2.5 (1/100 each, c = 1, 2, 3); iteration 3 is at c = 3.
        Assert.Equal([0.01, 0.01, 0.01], plan.Multipliers.Take(3));
        Assert.Equal((Math.Cos(Math.PI * 3 / 50) + 1) / 2, plan.Multipliers[3], 15);
        Assert.Equal((Math.Cos(Math.PI * 49 / 50) + 1) / 2, plan.Multipliers[49], 15);
        // Second cycle: nb = 100 and iteration 50 is not < 100 / 20, so it starts at the full rate and runs 100 batches.
        Assert.Equal(1.0, plan.Multipliers[50]);
        Assert.Equal((Math.Cos(Math.PI * 99 / 100) + 1) / 2, plan.Multipliers[149], 15);
        Assert.Equal(150, plan.Iterations);
    }

    [Fact]
    public void Sgdr_warm_up_compares_the_fits_iteration_with_the_current_cycles_length()
    {
        var plan = FitSchedules.Sgdr(cycles: 2, cycleLength: 1, cycleMult: 25, batchesPerEpoch: 4);

        // The second cycle has nb = 100 batches, and iteration 4 < 100 / 20 = 5: one more warm-up batch, at c = 0 → 1.
        Assert.Equal(0.01, plan.Multipliers[4]);
        Assert.Equal((Math.Cos(Math.PI * 1 / 100) + 1) / 2, plan.Multipliers[5], 15);
    }

    [Fact]
    public void Sgdr_cycles_of_one_batch_never_restart_as_in_fastai_07()
    {
        var plan = FitSchedules.Sgdr(cycles: 3, cycleLength: 1, cycleMult: 1, batchesPerEpoch: 1);

        // nb = 1: the warm-up moves c to 1 without the restart check, so c never equals nb again: cos(π c) for c = 1, 2.
        Assert.Equal([0.01, 0, 1], plan.Multipliers, new ToleranceComparer(1e-15));
        Assert.Empty(plan.RestartIterations);
    }

    [Fact]
    public void Constant_plan_keeps_the_base_rate_for_every_batch()
    {
        var plan = FitSchedules.Constant(epochs: 2, batchesPerEpoch: 3);

        Assert.Equal(Enumerable.Repeat(1.0, 6), plan.Multipliers);
        Assert.Empty(plan.RestartIterations);
        Assert.Equal(new[] { 0.01, 0.01 }, plan.LearningRates(0.01).Take(2));
    }

    [Fact]
    public void One_cycle_follows_fastais_combined_cosine_at_each_batchs_training_progress()
    {
        var plan = FitSchedules.OneCycle(epochs: 2, batchesPerEpoch: 4);

        // Progress i / 8; pct_start 0.25. Warm-up: sched_cos(1/25, 1, p / 0.25); then sched_cos(1, 1e-5, (p - 0.25) / 0.75),
        // with sched_cos(a, b, x) = a + (1 + cos(π(1 - x))) (b - a) / 2.
        // i = 0: x = 0, 1/25.  i = 1: x = 0.5, 1/25 + 0.96 / 2 = 0.52.  i = 2: annealing at x = 0, 1.
        // i = 5: x = 0.5, 1 + (1e-5 - 1) / 2 = 0.500005.
        Assert.Equal(8, plan.Iterations);
        Assert.Equal(0.04, plan.Multipliers[0], 15);
        Assert.Equal(0.52, plan.Multipliers[1], 15);
        Assert.Equal(1.0, plan.Multipliers[2], 15);
        Assert.Equal(0.500005, plan.Multipliers[5], 15);
        Assert.Equal(plan.Multipliers.Max(), plan.Multipliers[2]);
    }

    [Fact]
    public void One_cycle_momentum_goes_the_other_way_from_095_to_085_and_back()
    {
        var plan = FitSchedules.OneCycle(epochs: 2, batchesPerEpoch: 4);

        // The same positions as the rate: 0.95 at x = 0, 0.95 - 0.1 / 2 = 0.90 at x = 0.5, 0.85 at the peak, 0.90 at i = 5.
        var momentum = plan.Momentum!;
        Assert.Equal(8, momentum.Count);
        Assert.Equal([0.95, 0.90, 0.85], momentum.Take(3), new ToleranceComparer(1e-15));
        Assert.Equal(0.90, momentum[5], 15);
        Assert.Null(FitSchedules.Sgdr(1, 1, 1, 4).Momentum);
    }

    [Fact]
    public void One_cycle_ends_at_the_peak_over_div_final_not_over_div_times_div_final()
    {
        var curve = Anneal.CombinedCosine(0.25, 1 / 25.0, 1, 1 / 1e5);

        // At x = 1 of the annealing phase: 1 + (1 + cos 0)(1e-5 - 1) / 2 = 1e-5.
        Assert.Equal(1e-5, curve(1), 15);
        var last = FitSchedules.OneCycle(1, 100, new OneCycleOptions { Div = 10, DivFinal = 1e4 }).Multipliers[^1];
        double x = (double)((0.99f - 0.25f) / 0.75f);
        Assert.Equal(1 + (1 + Math.Cos(Math.PI * (1 - x))) * (1e-4 - 1) / 2, last, 15);
    }

    [Fact]
    public void Phase_positions_are_float32_as_in_fastais_tensors()
    {
        var curve = Anneal.CombinedCosine(0.3, 0, 1, 0);

        // fastai: (pos - pcts[0]) / (pcts[1] - pcts[0]) on float32 tensors, so x = 0.1f / 0.3f, not 1/3.
        static double Cosine(double x) => (1 + Math.Cos(Math.PI * (1 - x))) / 2;
        Assert.Equal(Cosine((double)(0.1f / 0.3f)), curve(0.1), 15);
        Assert.NotEqual(Cosine(0.1 / 0.3), curve(0.1));
    }

    [Fact]
    public void Training_progress_restarts_each_epoch_at_epoch_over_epochs_and_adds_one_over_total_per_batch()
    {
        var progress = FitSchedules.TrainingProgress(epochs: 3, batchesPerEpoch: 3);

        Assert.Equal(9, progress.Length);
        Assert.Equal([0, 1 / 3.0, 2 / 3.0], [progress[0], progress[3], progress[6]]);
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(i / 9.0, progress[i], 15));
    }

    [Theory]
    [InlineData(-0.1, 25, 1e5)]
    [InlineData(1.1, 25, 1e5)]
    [InlineData(0.25, 0, 1e5)]
    [InlineData(0.25, 25, -1)]
    public void One_cycle_settings_out_of_range_are_rejected(double pctStart, double div, double divFinal) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FitSchedules.OneCycle(1, 4, new OneCycleOptions { PctStart = pctStart, Div = div, DivFinal = divFinal }));

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void Non_positive_cycle_arguments_are_rejected(int cycles, int cycleLength, int cycleMult) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FitSchedules.Sgdr(cycles, cycleLength, cycleMult, 4));
}

internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
