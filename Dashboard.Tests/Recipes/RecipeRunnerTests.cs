using Dashboard.Tests.Learning;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;
using TorchSharp;

namespace Dashboard.Tests.Recipes;

public class RecipeRunnerTests
{
    [Fact]
    public void The_lesson_recipe_runs_every_step_and_reports_the_figures()
    {
        var folder = Directory.CreateTempSubdirectory("recipe-").FullName;
        try
        {
            using var data = new SyntheticLearnerData();
            var events = new RecordingEventSink();

            var result = new RecipeRunner(Environment(folder, data)).Run(RecipeParser.Parse(RecipeParserTests.LessonRecipe), events);

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
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void The_lr_find_step_offers_the_rate_of_the_method_it_names()
    {
        var folder = Directory.CreateTempSubdirectory("recipe-").FullName;
        try
        {
            using var data = new SyntheticLearnerData();
            var recipe = RecipeParser.Parse("""{"data":{"path":"demo"},"steps":[{"lrFind":{"maxIterations":30,"suggestion":"minimum"}}]}""");

            var finder = new RecipeRunner(Environment(folder, data)).Run(recipe, new RecordingEventSink()).LrFind!;

            Assert.Equal("minimum", finder.Chosen);
            Assert.Equal(finder.Suggestions.Single(s => s.Method == "minimum").LearningRate, finder.Suggestion);
        }
        finally { Directory.Delete(folder, true); }
    }

    private static RecipeEnvironment Environment(string folder, SyntheticLearnerData data) =>
        new((_, _) => data, (_, _) => new TinyBackbone(),
            new LearnerOptions { ModelsFolder = Path.Combine(folder, "models"), ActivationCacheFolder = Path.Combine(folder, "cache") }, torch.CPU);
}
