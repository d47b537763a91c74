using Microsoft.Extensions.Options;

namespace Dashboard.Runs;

/// <summary>The dashboard's folders resolved to absolute paths (relative ones under the content root).</summary>
public sealed class DashboardPaths
{
    public DashboardPaths(IOptions<DashboardOptions> options, IHostEnvironment environment)
    {
        DataFolder = DataFolderResolution.Resolve(options.Value.DataFolder, environment.ContentRootPath);
        ModelsFolder = Path.GetFullPath(options.Value.ModelsFolder, DataFolder);
        DataRoots = options.Value.DataRoots.Select(root => Path.GetFullPath(root, environment.ContentRootPath)).ToArray();
    }

    public string DataFolder { get; }
    public string ModelsFolder { get; }
    public IReadOnlyList<string> DataRoots { get; }
    public string RunDatabase => Path.Combine(DataFolder, "runs.db");
    public string ActivationCache => Path.Combine(DataFolder, "activations");

    /// <summary>A run's own files (its resume point).</summary>
    public string RunFolder(string runId) => Path.Combine(DataFolder, "runs", runId);
}
