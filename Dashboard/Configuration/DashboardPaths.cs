using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>The dashboard's folders resolved to absolute paths (relative ones under the content root).</summary>
public sealed class DashboardPaths
{
    public DashboardPaths(IOptions<DashboardOptions> options, IHostEnvironment environment) : this(options.Value, environment.ContentRootPath)
    {
    }

    /// <summary>Outside the web host (the worker command): relative folders under <paramref name="contentRoot"/>.</summary>
    public static DashboardPaths ForCommand(DashboardOptions options, string contentRoot) => new(options, contentRoot);

    private DashboardPaths(DashboardOptions options, string contentRoot)
    {
        DataFolder = DataFolderResolution.Resolve(options.DataFolder, contentRoot);
        SharedFolder = string.IsNullOrWhiteSpace(options.SharedFolder) ? DataFolder : Path.GetFullPath(options.SharedFolder, contentRoot);
        ModelsFolder = Path.GetFullPath(options.ModelsFolder, SharedFolder);
        UploadRoot = Path.GetFullPath(options.UploadRoot, DataFolder);
        DataRoots = [.. options.DataRoots.Select(root => Path.GetFullPath(root, contentRoot)), UploadRoot];
    }

    public string DataFolder { get; }
    /// <summary>Runs' resume points and checkpoints: <see cref="DashboardOptions.SharedFolder"/>, else the data folder.</summary>
    public string SharedFolder { get; }
    public string ModelsFolder { get; }
    /// <summary>The configured data roots, then <see cref="UploadRoot"/>.</summary>
    public IReadOnlyList<string> DataRoots { get; }
    /// <summary>Uploaded datasets (<see cref="DashboardOptions.UploadRoot"/>).</summary>
    public string UploadRoot { get; }
    public string RunDatabase => Path.Combine(DataFolder, "runs.db");
    public string ActivationCache => Path.Combine(DataFolder, "activations");

    /// <summary>Shrunk copies of large training images (<see cref="Dashboard.Training.Data.ResizeCache"/>).</summary>
    public string ResizeCache => Path.Combine(DataFolder, "resized");

    /// <summary>Where a run's <c>save</c> steps write and its <c>load</c> steps read: its own, so two runs' "stage1" never collide.</summary>
    public string ModelsFolderOf(string runId) => Path.Combine(ModelsFolder, runId);

    /// <summary>A run's own files (its resume point).</summary>
    public string RunFolder(string runId) => Path.Combine(SharedFolder, "runs", runId);
}
