namespace Dashboard.Datasets;

/// <summary>
/// The one rule for "inside a data root", for what a recipe may read (<see cref="Runs.DatasetPathPolicy"/>) and what the
/// catalog lists and serves (<see cref="DatasetCatalog"/>): paths compare as full paths without a trailing separator,
/// ordinally (case matters, as on Linux). Symlinks are not followed here: a caller that must not be led out by one
/// resolves them first.
/// </summary>
public static class DataRootRule
{
    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or anything under it.</summary>
    public static bool IsInside(string path, string root)
    {
        var (full, rootFull) = (Normalized(path), Normalized(root));
        return full == rootFull || full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="path"/> is a direct child of <paramref name="root"/> (a dataset of that root).</summary>
    public static bool IsChild(string path, string root) =>
        Path.GetDirectoryName(Normalized(path)) is { } parent && Normalized(parent) == Normalized(root);

    private static string Normalized(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
}
