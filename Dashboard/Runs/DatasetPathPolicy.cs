using Dashboard.Configuration;
using Dashboard.Datasets;
using Dashboard.Training.Data;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>
/// What a recipe submitted to the shared server may read: the demo dataset, or paths inside the configured data roots,
/// after resolving "..", and symlinks. Anything else is refused before a run is stored.
/// </summary>
public sealed class DatasetPathPolicy(DashboardPaths paths)
{
    public void Check(Recipe recipe)
    {
        if (!string.Equals(recipe.Data.Path, DemoDataset.Name, StringComparison.OrdinalIgnoreCase))
            Require("$.data.path", recipe.Data.Path);
        if (recipe.Weights is { } weights) Require("$.weights", weights);
    }

    /// <summary>The path resolved inside a data root, or a <see cref="RecipeException"/> naming the field.</summary>
    public string Require(string field, string path)
    {
        if (!Path.IsPathRooted(path)) throw new RecipeException(field, $"'{path}' must be an absolute path inside a data root: {string.Join(", ", paths.DataRoots)}");
        var resolved = Resolve(path);
        if (paths.DataRoots.Select(Resolve).Any(root => DataRootRule.IsInside(resolved, root))) return resolved;
        throw new RecipeException(field, $"'{path}' is outside the data roots ({string.Join(", ", paths.DataRoots)})");
    }

    /// <summary>Full path with every symlink along it followed, so a link cannot lead out of a root.</summary>
    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.DirectorySeparatorChar.ToString();
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget != null) current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
        }
        return current;
    }
}
