namespace Dashboard.Runs.Listing;

/// <summary>A <see cref="RunQuery"/> as the WHERE and ORDER BY of a SELECT over the runs table, with its parameters.</summary>
internal static class RunQuerySql
{
    public static (string Where, (string, object?)[] Parameters) Filter(RunQuery query)
    {
        var conditions = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Search))
            conditions.Add(@"(name LIKE $search ESCAPE '\' OR tags LIKE $search ESCAPE '\' OR dataset LIKE $search ESCAPE '\')");
        if (query.Status is not null) conditions.Add("status = $status");
        if (query.Owner is not null) conditions.Add("owner = $owner");
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return (where, [("$search", Pattern(query.Search)), ("$status", query.Status), ("$owner", query.Owner)]);
    }

    /// <summary>The chosen column, then newest first among equals, so a page boundary never moves between two reads.</summary>
    public static string Order(RunQuery query) =>
        $"ORDER BY {Column(query.Sort)} {(query.Descending ? "DESC" : "ASC")}, created_at DESC, id";

    private static string Column(RunSortColumn sort) => sort switch
    {
        RunSortColumn.Name => "name COLLATE NOCASE",
        RunSortColumn.Status => "status",
        RunSortColumn.Owner => "owner COLLATE NOCASE",
        RunSortColumn.Arch => "arch",
        RunSortColumn.Dataset => "dataset COLLATE NOCASE",
        RunSortColumn.Size => "size",
        RunSortColumn.Accuracy => "accuracy",
        RunSortColumn.Tta => "tta_accuracy",
        _ => "created_at",
    };

    /// <summary>A LIKE pattern matching <paramref name="search"/> anywhere, its own % and _ taken literally.</summary>
    private static string? Pattern(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : "%" + search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
