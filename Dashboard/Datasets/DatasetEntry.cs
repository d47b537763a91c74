namespace Dashboard.Datasets;

/// <summary>
/// A dataset the dashboard offers: <see cref="Key"/> is what recipes and image URLs name it by
/// ("demo", or the full path of a sub-folder or CSV file of a data root). <see cref="Owner"/> is who uploaded it
/// ("" with sign-in off), null for a dataset that was not uploaded.
/// </summary>
public sealed record DatasetEntry(string Key, string Name, string Kind, string Path, string? Owner = null)
{
    public bool IsDemo => Kind == "demo";
    public bool IsUploaded => Owner is not null;
}
