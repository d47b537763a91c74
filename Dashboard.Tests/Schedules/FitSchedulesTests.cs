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
    public void Sgdr_follows_a_cosine_from_the_full_rate_within_each_cycle()
    {
        var plan = FitSchedules.Sgdr(cycles: 2, cycleLength: 1, cycleMult: 1, batchesPerEpoch: 4);

        double[] cycle = [1.0, (1 + Math.Cos(Math.PI / 4)) / 2, 0.5, (1 + Math.Cos(3 * Math.PI / 4)) / 2];
        Assert.Equal(cycle.Concat(cycle), plan.Multipliers, new ToleranceComparer(1e-12));
        Assert.Equal(0.5, plan.Multipliers[2], 12);
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
    public void One_cycle_warms_up_to_the_full_rate_then_anneals_to_a_tiny_one()
    {
        var plan = FitSchedules.OneCycle(epochs: 1, batchesPerEpoch: 8, warmupFraction: 0.25, divisor: 25, finalDivisor: 1e5);

        Assert.Equal(8, plan.Iterations);
        Assert.Equal(1 / 25.0, plan.Multipliers[0], 12);
        Assert.Equal(1.0, plan.Multipliers[2], 12);
        Assert.Equal(1 / 2.5e6, plan.Multipliers[^1], 15);
        Assert.Equal(plan.Multipliers.Max(), plan.Multipliers[2]);
    }

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
