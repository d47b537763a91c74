namespace Dashboard.Datasets;

/// <summary>
/// A dataset the dashboard offers: <see cref="Key"/> is what recipes and image URLs name it by
/// ("demo", or the full path of a sub-folder or CSV file of a data root).
/// </summary>
public sealed record DatasetEntry(string Key, string Name, string Kind, string Path)
{
    public bool IsDemo => Kind == "demo";
}
