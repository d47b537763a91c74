using Dashboard.Cli;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using TorchSharp;

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// Our side: the recipe through <see cref="RecipeRunner"/>, its environment built as the <c>run</c> command builds it
/// (bundled ResNet-18, the dashboard's learner defaults), checkpoints and activation cache in a fresh folder.
/// </summary>
public static class OursLesson
{
    public static LearnerOptions Options(string workFolder) => new()
    {
        ModelsFolder = Path.Combine(workFolder, "models"), ActivationCacheFolder = Path.Combine(workFolder, "activations"),
    };

    public static LessonOutcome Run(Recipe recipe, string workFolder, torch.Device device, TextWriter log, CancellationToken cancellation)
    {
        var environment = new RecipeEnvironment(LoaderLearnerData.Open, Backbones.Create, Options(workFolder), device);
        try
        {
            var events = new RecordingEventSink();
            var result = new RecipeRunner(environment).Run(recipe, new FanOutEventSink(new ConsoleProgress(log), events), cancellation);
            var precision = events.Events.OfType<PrecisionChosen>().LastOrDefault()?.Used ?? "fp32";
            return LessonOutcome.From(result, precision);
        }
        catch (Exception e) when (e is DatasetException or TrainingDivergedException or TrainingOutOfMemoryException or InvalidDataException)
        {
            throw new AccuracyBenchException($"our run failed: {e.Message}", e);
        }
    }
}
