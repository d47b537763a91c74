namespace Dashboard.Training.Data;

/// <summary>
/// A dataset ready to train on, whatever it was read from: sorted class names, labelled training and
/// validation items, optional unlabelled test items, and the files that were left out with the reason.
/// </summary>
public sealed class DataBunch
{
    /// <summary>Where the data came from: a folder, a CSV file, or "demo".</summary>
    public required string Source { get; init; }

    /// <summary>Class names in ordinal order; a label is an index into this list.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    public required IReadOnlyList<DataItem> Train { get; init; }

    public required IReadOnlyList<DataItem> Valid { get; init; }

    /// <summary>Unlabelled items to predict, or null when the dataset has none.</summary>
    public IReadOnlyList<DataItem>? Test { get; init; }

    /// <summary>Corrupt or non-image files that were left out, with the reason for each.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    public string ClassName(DataItem item) => item.IsLabelled ? Classes[item.Label] : "(unlabelled)";

    public override string ToString() =>
        $"{Source}: {Classes.Count} classes, {Train.Count} train, {Valid.Count} valid, {Test?.Count ?? 0} test, {Skipped.Count} skipped";
}
