using Dashboard.Runs;
using Dashboard.Runs.Listing;

namespace Dashboard.Api;

/// <summary>One page of <c>GET /api/runs</c>: summaries without their recipes (the detail endpoint has it), and how many runs match.</summary>
public sealed record RunList(IReadOnlyList<RunList.Item> Runs, int Total, int Skip, int Take)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 500;

    public sealed record Item(string Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
        string? Message, double? Accuracy, double? TtaAccuracy, string? Owner, IReadOnlyList<string> Tags, string? Note)
    {
        public static Item From(RunSummary run) =>
            new(run.Id, run.Name, run.Status, run.CreatedAt, run.StartedAt, run.EndedAt, run.Message, run.Accuracy, run.TtaAccuracy, run.Owner, run.Tags, run.Note);
    }

    public static RunList Read(RunStore store, RunQuery query, int? skip, int? take)
    {
        int from = Math.Max(0, skip ?? 0), count = Math.Clamp(take ?? DefaultTake, 1, MaxTake);
        return new RunList(store.List(query, from, count).Select(Item.From).ToArray(), store.Count(query), from, count);
    }

    /// <summary>The query a request's parameters ask for, or why they make none: an unknown status, sort column or direction.</summary>
    public static (RunQuery? Query, string? Error) Query(string? search, string? status, string? owner, string? sort, string? direction)
    {
        if (status is not null && !RunQuery.Statuses.Contains(status))
            return (null, $"There is no status '{status}'; use one of {string.Join(", ", RunQuery.Statuses)}.");
        var column = sort is null ? RunSortColumn.Created : RunQuery.ParseSort(sort);
        if (column is null)
            return (null, $"Runs cannot be sorted by '{sort}'; use one of {string.Join(", ", Enum.GetValues<RunSortColumn>().Select(RunQuery.SortName))}.");
        if (direction is not (null or "asc" or "desc")) return (null, $"The direction is 'asc' or 'desc', not '{direction}'.");
        bool descending = direction is null ? RunQuery.DescendingFirst(column.Value) : direction == "desc";
        return (new RunQuery(search, status, string.IsNullOrEmpty(owner) ? null : owner, column.Value, descending), null);
    }
}
