using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Tests.Recipes;

/// <summary>The recipe steps and fields the lesson recipe does not use, each through the runner.</summary>
public class RecipeStepsTests
{
    [Fact]
    public void Save_freezeTo_unfreeze_false_and_load_change_the_learner_as_named()
    {
        using var setup = new SyntheticRecipeSetup();
        var events = new RecordingEventSink();

        var result = setup.Run("""
            { "data": { "path": "synthetic" }, "arch": "resnet18", "seed": 0,
              "steps": [ {"save": "start"}, {"freezeTo": 1}, {"fit": {"lr": 0.05}}, {"unfreeze": false}, {"fit": {"lr": 0.05}}, {"load": "start"} ] }
            """, events);

        Assert.Equal([2, 1, 2], events.Events.OfType<LayersFrozen>().Select(l => l.FrozenGroups));
        Assert.Equal([1, 2], events.Events.OfType<FitStarted>().Select(f => f.FrozenGroups));
        Assert.Equal("start", events.Events.OfType<Loaded>().Single().Name);
        var startLoss = result.Epochs[0].ValidLoss;
        Assert.NotEqual(startLoss, result.Final.ValidLoss, 6); // the final score is of the loaded (untrained) weights
        Assert.Equal(result.Final.ValidLoss, FreshLearnerLoss(setup), 5);
    }

    [Fact]
    public void Lr_find_sweeps_between_its_start_and_end_rates()
    {
        using var setup = new SyntheticRecipeSetup();

        var finder = setup.Run("""{"data":{"path":"demo"},"steps":[{"lrFind":{"maxIterations":20,"startLr":1e-5,"endLr":1e-1}}]}""", new RecordingEventSink()).LrFind!;

        Assert.Equal(1e-5, finder.LearningRates[0], 12);
        Assert.True(finder.LearningRates[^1] <= 1e-1 * (1 + 1e-9));
        Assert.Equal(20, finder.LearningRates.Count);
    }

    [Fact]
    public void A_one_cycle_fit_starts_at_the_rate_over_25_and_the_optimizer_field_picks_adam()
    {
        const string template = """
            { "data": { "path": "synthetic" }, "arch": "resnet18", "seed": 0, "optimizer": "OPTIMIZER",
              "steps": [ {"fit": {"lr": 0.05, "cycles": 2, "oneCycle": true}} ] }
            """;
        using var sgd = new SyntheticRecipeSetup();
        using var adam = new SyntheticRecipeSetup();
        var events = new RecordingEventSink();

        var withSgd = sgd.Run(template.Replace("OPTIMIZER", "sgd"), events);
        var withAdam = adam.Run(template.Replace("OPTIMIZER", "adam"), new RecordingEventSink());

        var head = events.Events.OfType<ScheduleComputed>().Single().LearningRatesPerGroup[^1];
        Assert.Equal(0.05 / 25, head[0], 12);
        Assert.Equal(0.05, head.Max(), 3);
        Assert.NotEqual(withSgd.Final.ValidLoss, withAdam.Final.ValidLoss, 4);
    }

    private static double FreshLearnerLoss(SyntheticRecipeSetup setup)
    {
        using var learner = new Learner(setup.Environment.CreateBackbone("resnet18", null), setup.Data, setup.Environment.LearnerOptions with { Seed = 0 }, new RecordingEventSink());
        learner.Load("start");
        return learner.Validate().Loss;
    }
}
