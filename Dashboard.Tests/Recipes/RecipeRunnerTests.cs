using Dashboard.Tests.Learning;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Recipes;

public class RecipeRunnerTests
{
    [Fact]
    public void The_lesson_recipe_runs_every_step_and_reports_the_figures()
    {
        using var setup = new SyntheticRecipeSetup();
        var events = new RecordingEventSink();

        var result = setup.Run(RecipeParserTests.LessonRecipe, events);

        Assert.NotNull(result.LrFind);
        Assert.Equal(result.LrFind.LearningRates.Count, result.LrFind.Losses.Count);
        Assert.Equal(1 + 3 + 7, result.Epochs.Count);
        Assert.Equal(Enumerable.Range(0, 11), result.Epochs.Select(e => e.Epoch));
        Assert.NotNull(result.Final.TtaAccuracy);
        Assert.True(File.Exists(Assert.Single(result.Saved)));
        Assert.Equal(new[] { true, false, false }, events.Events.OfType<FitStarted>().Select(f => f.Precomputed));
        Assert.Equal(new[] { 2, 2, 0 }, events.Events.OfType<FitStarted>().Select(f => f.FrozenGroups));
        Assert.IsType<RunStarted>(events.Events[0]);
        Assert.IsType<RunCompleted>(events.Events[^1]);
    }

    [Fact]
    public void Each_step_reports_its_start_and_precompute_tta_and_interpretation_report_their_batches()
    {
        using var setup = new SyntheticRecipeSetup();
        var events = new RecordingEventSink();

        setup.Run(RecipeParserTests.LessonRecipe, events);

        Assert.Equal([(0, "lrFind"), (1, "fit"), (2, "precompute"), (3, "fit"), (4, "save"), (5, "unfreeze"), (6, "fit"), (7, "tta")],
            events.Events.OfType<StepStarted>().Select(s => (s.Step, s.Name)));
        var phases = events.Events.OfType<PhaseProgressed>().GroupBy(p => p.Phase).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["precompute", "tta", "interpretation"], phases.Keys);
        foreach (var (phase, reports) in phases)
        {
            Assert.Equal(0, reports[0].Done);
            Assert.Equal(reports[0].Total, reports[^1].Done); // the last batch is always reported
            Assert.True(reports.Select(r => r.Done).SequenceEqual(reports.Select(r => r.Done).Order()), $"{phase} only advances");
        }
        Assert.Equal(5 * setup.Data.Valid().BatchesPerEpoch, phases["tta"][0].Total); // the plain view and 4 augmented ones
    }

    [Fact]
    public void The_lr_find_step_offers_the_rate_of_the_method_it_names()
    {
        using var setup = new SyntheticRecipeSetup();

        var finder = setup.Run("""{"data":{"path":"demo"},"steps":[{"lrFind":{"maxIterations":30,"suggestion":"minimum"}}]}""", new RecordingEventSink()).LrFind!;

        Assert.Equal("minimum", finder.Chosen);
        Assert.Equal(finder.Suggestions.Single(s => s.Method == "minimum").LearningRate, finder.Suggestion);
    }

    [Fact]
    public void Bn_freeze_on_a_body_without_batchnorm_is_refused_before_any_training_naming_the_step()
    {
        using var setup = new SyntheticRecipeSetup(() => new PlainBackbone());
        var events = new RecordingEventSink();

        var error = Assert.Throws<RecipeException>(() => setup.Run("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01}},{"bnFreeze":true}]}""", events));

        Assert.Equal("$.steps[1].bnFreeze", error.Field);
        Assert.Contains("no BatchNorm", error.Message);
        Assert.Empty(events.Events.OfType<FitStarted>());
    }
}
