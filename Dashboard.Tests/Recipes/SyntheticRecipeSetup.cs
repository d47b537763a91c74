using Dashboard.Tests.Learning;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;
using TorchSharp;

namespace Dashboard.Tests.Recipes;

/// <summary>Recipes on synthetic data and the tiny body, with their own temporary folder for models, cache and resume points.</summary>
public sealed class SyntheticRecipeSetup : IDisposable
{
    /// <param name="body">The backbone to train (default: <see cref="TinyBackbone"/>).</param>
    public SyntheticRecipeSetup(Func<Dashboard.Training.Models.Backbone>? body = null)
    {
        Folder = Directory.CreateTempSubdirectory("recipe-").FullName;
        body ??= () => new TinyBackbone();
        Environment = new RecipeEnvironment((_, _) => Data, (_, _) => body(),
            new LearnerOptions { ModelsFolder = Path.Combine(Folder, "models"), ActivationCacheFolder = Path.Combine(Folder, "cache") }, torch.CPU);
        Resume = new ResumeStore(Path.Combine(Folder, "run"));
    }

    public string Folder { get; }
    public SyntheticLearnerData Data { get; } = new();
    public RecipeEnvironment Environment { get; }
    public ResumeStore Resume { get; }

    public RecipeResult Run(string recipeJson, ITrainingEventSink events, CancellationToken cancellation = default, ResumeStore? resume = null) =>
        new RecipeRunner(Environment).Run(RecipeParser.Parse(recipeJson), events, cancellation, resume);

    public void Dispose()
    {
        Data.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
