using Dashboard.Configuration;
using Dashboard.Training;
using Dashboard.Datasets;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs;

/// <summary>The real environment: datasets from the locator, pretrained bodies, the dashboard's folders, the configured device.</summary>
public sealed class TrainingEnvironmentFactory(DashboardPaths paths, IOptions<TorchOptions> torch, DashboardResizeCache resizeCache) : IRecipeEnvironmentFactory
{
    public RecipeEnvironment Create(string runId) => new(
        (data, seed) => LoaderLearnerData.Open(data, seed, resizeCache.Cache),
        Backbones.Create,
        new LearnerOptions { ModelsFolder = paths.ModelsFolderOf(runId), ActivationCacheFolder = paths.ActivationCache },
        TorchDevices.Resolve(torch.Value));
}
