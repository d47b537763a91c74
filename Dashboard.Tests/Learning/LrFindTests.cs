using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Schedules;

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
        Assert.Equal("valley", result.Chosen);
        Assert.InRange(result.Suggestion, result.LearningRates[0], result.LearningRates[^1]);
        Assert.Equal(LrSuggestions.All(result.LearningRates, result.SmoothedLosses, 100), result.Suggestions);
        var batches = f.Events.Events.OfType<LrFindBatchEnded>().ToArray();
        Assert.Equal(result.LearningRates.Count, batches.Length);
        var completed = f.Events.Events.OfType<LrFindCompleted>().Single();
        Assert.Equal(result.Suggestions, completed.Suggestions);
        Assert.Equal(result.Chosen, completed.Chosen);
    }

    [Fact]
    public void The_chosen_method_names_the_suggestion_and_an_unknown_one_is_refused_before_sweeping()
    {
        using var f = new LearnerFixture();

        var result = f.Learner.LrFind(new LrFindOptions { MaxIterations = 30, Suggestion = "steep" });

        Assert.Equal(result.Suggestions.Single(s => s.Method == "steep").LearningRate, result.Suggestion);
        Assert.Throws<ArgumentException>(() => f.Learner.LrFind(new LrFindOptions { Suggestion = "steepest" }));
        Assert.Single(f.Events.Events.OfType<LrFindCompleted>());
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
