using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Callbacks;
using Dashboard.Training.Schedules;

namespace Dashboard.Tests.Learning;

public class OneCycleMomentumTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    public void A_one_cycle_fit_sets_every_groups_momentum_from_the_plan_before_each_batch(OptimizerKind optimizer)
    {
        using var f = new LearnerFixture(optimizer: optimizer);
        var seen = new MomentumRecorder();
        f.Learner.AddCallback(seen);
        f.Learner.Unfreeze();

        f.Learner.Fit(new FitRequest(0.01, cycles: 2, oneCycle: true));

        int batches = f.Data.Train(true).BatchesPerEpoch;
        var plan = FitSchedules.OneCycle(2, batches);
        Assert.Equal(plan.Momentum!.Select(m => (double?)m), seen.Momentum.Select(perGroup => perGroup.Distinct().Single()));
        Assert.Equal(0.95, seen.Momentum[0][0]!.Value, 12);
        Assert.True(seen.Momentum.Min(m => m[0]!.Value) < 0.86, "momentum falls towards 0.85 at the peak rate");
    }

    [Fact]
    public void A_fit_without_a_momentum_schedule_keeps_the_optimizers_own()
    {
        using var f = new LearnerFixture();
        var seen = new MomentumRecorder();
        f.Learner.AddCallback(seen);

        f.Learner.Fit(new FitRequest(0.01, cycles: 1, cycleLength: 1));

        Assert.All(seen.Momentum, perGroup => Assert.All(perGroup, m => Assert.Null(m)));
    }

    /// <summary>Each batch's momentum of every optimizer parameter group, read after the schedule set it.</summary>
    private sealed class MomentumRecorder : LearnerCallback
    {
        public override int Order => 30;
        public List<double?[]> Momentum { get; } = [];
        public override void BeforeBatch(FitContext fit) => Momentum.Add(fit.Optimizer.Groups.Select(g => g.Momentum).ToArray());
    }
}
