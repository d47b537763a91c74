using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

public class LrFindTests
{
    [Theory]
    [InlineData(false, OptimizerKind.Sgd)]
    [InlineData(true, OptimizerKind.Sgd)]
    [InlineData(false, OptimizerKind.Adam)]
    public void Lr_find_leaves_every_weight_and_buffer_bit_for_bit_unchanged(bool precompute, OptimizerKind optimizer)
    {
        using var f = new LearnerFixture(optimizer: optimizer);
        f.Learner.SetPrecompute(precompute);
        f.Learner.Fit(new FitRequest(0.01));
        var before = Weights.Of(f.Learner.Model);

        var result = f.Learner.LrFind(new LrFindOptions { MaxIterations = 30 });

        var after = Weights.Of(f.Learner.Model);
        Assert.All(before.Keys, k => Assert.Equal(before[k], after[k]));
        Assert.InRange(result.LearningRates.Count, 2, 30);
        Assert.Equal(1e-7, result.LearningRates[0], 15);
    }

    [Fact]
    public void Lr_find_sweeps_up_to_divergence_and_suggests_a_rate_inside_the_curve()
    {
        using var f = new LearnerFixture();

        var result = f.Learner.LrFind(new LrFindOptions());

        Assert.True(result.LearningRates.Zip(result.LearningRates.Skip(1)).All(p => p.Second > p.First));
        Assert.True(result.LearningRates.Count < 100, "a sweep to 10 should diverge before 100 batches");
        Assert.InRange(result.Suggestion, result.LearningRates[0], result.LearningRates[^1]);
        Assert.InRange(result.MinLossLearningRateOverTen, result.LearningRates[0] / 10, result.LearningRates[^1] / 10);
        var batches = f.Events.Events.OfType<LrFindBatchEnded>().ToArray();
        Assert.Equal(result.LearningRates.Count, batches.Length);
        Assert.Equal(result.Suggestion, f.Events.Events.OfType<LrFindCompleted>().Single().Suggestion);
    }

    [Fact]
    public void After_lr_find_the_fit_trains_as_if_it_had_not_run()
    {
        double withoutFinder, withFinder;
        using (var a = new LearnerFixture(seed: 3)) withoutFinder = a.Learner.Fit(new FitRequest(0.01)).Epochs[0].ValidLoss;
        using (var b = new LearnerFixture(seed: 3))
        {
            b.Learner.LrFind(new LrFindOptions { MaxIterations = 10 });
            withFinder = b.Learner.Fit(new FitRequest(0.01)).Epochs[0].ValidLoss;
        }

        Assert.Equal(withoutFinder, withFinder, 5);
    }
}
