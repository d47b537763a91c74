namespace Dashboard.Runs.Listing;

/// <summary>The columns the runs list sorts by.</summary>
public enum RunSortColumn { Created, Name, Status, Owner, Arch, Dataset, Size, Accuracy, Tta }

/// <summary>
/// Which runs a list shows and in what order: <see cref="Search"/> is a case-insensitive substring of the name, a tag or
/// the dataset path; <see cref="Status"/> and <see cref="Owner"/> match exactly; null means any.
/// </summary>
public sealed record RunQuery(string? Search = null, string? Status = null, string? Owner = null,
    RunSortColumn Sort = RunSortColumn.Created, bool Descending = true)
{
    /// <summary>Newest first, every run.</summary>
    public static readonly RunQuery Newest = new();

    public static readonly IReadOnlyList<string> Statuses =
        [RunStatus.Queued, RunStatus.Running, RunStatus.Stopping, RunStatus.Finished, RunStatus.Failed, RunStatus.Stopped, RunStatus.Interrupted];

    /// <summary>Figures and dates read best largest first, words A to Z: the direction a first click on a column sorts.</summary>
    public static bool DescendingFirst(RunSortColumn column) =>
        column is RunSortColumn.Created or RunSortColumn.Size or RunSortColumn.Accuracy or RunSortColumn.Tta;

    /// <summary>A column by its name in a URL or the API (any case); null when there is no such column.</summary>
    public static RunSortColumn? ParseSort(string? name) =>
        Enum.TryParse<RunSortColumn>(name, ignoreCase: true, out var column) && Enum.IsDefined(column) && !int.TryParse(name, out _) ? column : null;

    public static string SortName(RunSortColumn column) => column.ToString().ToLowerInvariant();
}
