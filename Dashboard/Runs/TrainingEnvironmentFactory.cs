using Dashboard.Configuration;
using Dashboard.Training;
using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs;

/// <summary>The real environment: datasets from the locator, pretrained bodies, the dashboard's folders, the configured device.</summary>
public sealed class TrainingEnvironmentFactory(DashboardPaths paths, IOptions<TorchOptions> torch, IOptions<DashboardOptions> options) : IRecipeEnvironmentFactory
{
    /// <summary>One for every run of this process, so that its size limit counts every copy.</summary>
    private readonly ResizeCache? resizeCache = options.Value.ResizeCacheMegabytes > 0
        ? new ResizeCache(new ResizeCacheOptions { Folder = paths.ResizeCache, MaxMegabytes = options.Value.ResizeCacheMegabytes })
        : null;

    public RecipeEnvironment Create(string runId) => new(
        (data, seed) => LoaderLearnerData.Open(data, seed, resizeCache),
        Backbones.Create,
        new LearnerOptions { ModelsFolder = paths.ModelsFolderOf(runId), ActivationCacheFolder = paths.ActivationCache },
        TorchDevices.Resolve(torch.Value));
}
