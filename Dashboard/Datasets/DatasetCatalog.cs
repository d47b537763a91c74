using System.Collections.Concurrent;
using Dashboard.Configuration;
using Dashboard.Training.Data;

namespace Dashboard.Datasets;

/// <summary>
/// The datasets a user may browse and train on: the demo, and each direct child of a configured data root that
/// <see cref="DatasetLocator.KindOf"/> recognises. Anything else is refused, so no URL can reach other files.
/// Opened datasets are kept for a short while: scanning a folder checks every image header.
/// </summary>
public sealed class DatasetCatalog(DashboardPaths paths, TimeProvider clock)
{
    private static readonly TimeSpan KeepOpenFor = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (DateTimeOffset OpenedAt, Lazy<DataBunch> Bunch)> open = new();

    public static readonly DatasetEntry Demo = new(DemoDataset.Name, "demo (Fashion-MNIST sample)", "demo", DemoDataset.Path);

    public IReadOnlyList<DatasetEntry> List() =>
        [Demo, .. paths.DataRoots.Where(Directory.Exists).SelectMany(Children).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The dataset a key names, or null when the key is not the demo or a recognised child of a data root.</summary>
    public DatasetEntry? Find(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        if (string.Equals(key, DemoDataset.Name, StringComparison.OrdinalIgnoreCase)) return Demo;
        string full;
        try { full = System.IO.Path.GetFullPath(key).TrimEnd(System.IO.Path.DirectorySeparatorChar); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
        if (!paths.DataRoots.Any(root => DataRootRule.IsChild(full, root))) return null;
        return Entry(full);
    }

    /// <summary>Opens (or reuses) the dataset's items; throws <see cref="DatasetException"/> when it cannot be read.</summary>
    public DataBunch Open(DatasetEntry entry)
    {
        var now = clock.GetUtcNow();
        var cached = open.AddOrUpdate(entry.Key,
            _ => (now, NewLoad(entry)),
            (_, old) => now - old.OpenedAt > KeepOpenFor ? (now, NewLoad(entry)) : old);
        try { return cached.Bunch.Value; }
        catch (Exception)
        {
            open.TryRemove(KeyValuePair.Create(entry.Key, cached));
            throw;
        }
    }

    /// <summary>True when the file lies inside the demo folder or a data root (what top-loss images may show).</summary>
    public bool MayServe(string filePath)
    {
        string full;
        try { full = System.IO.Path.GetFullPath(filePath); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return false; }
        return File.Exists(full) && new[] { DemoDataset.Path }.Concat(paths.DataRoots).Any(root => DataRootRule.IsInside(full, root));
    }

    /// <summary>Drops a dataset's cached items (it was deleted, or uploaded again under the same name).</summary>
    public void Forget(string key) => open.TryRemove(key, out _);

    /// <summary>Hidden entries (an upload's staging folder) are not datasets.</summary>
    private IEnumerable<DatasetEntry> Children(string root) =>
        Directory.EnumerateFileSystemEntries(root).Where(path => !System.IO.Path.GetFileName(path).StartsWith('.')).Select(Entry).OfType<DatasetEntry>();

    private static DatasetEntry? Entry(string fullPath)
    {
        var kind = DatasetLocator.KindOf(fullPath);
        return kind is null or "demo" ? null : new DatasetEntry(fullPath, System.IO.Path.GetFileName(fullPath), kind, fullPath, Owner(fullPath));
    }

    private static string? Owner(string datasetPath)
    {
        var sidecar = System.IO.Path.Combine(datasetPath, Uploads.DatasetUploads.OwnerFile);
        return File.Exists(sidecar) ? File.ReadAllText(sidecar) : null;
    }

    private static Lazy<DataBunch> NewLoad(DatasetEntry entry) =>
        new(() => DatasetLocator.Open(entry.IsDemo ? DemoDataset.Name : entry.Path), LazyThreadSafetyMode.ExecutionAndPublication);
}
