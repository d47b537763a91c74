using Dashboard.Runs.Listing;
using Dashboard.Storage;

namespace Dashboard.Runs;

/// <summary>The runs list's side of the store: searched, filtered and sorted pages, owners, tags and notes, and removal.</summary>
public sealed partial class RunStore
{
    /// <summary>One page of the runs <paramref name="query"/> selects, in its order.</summary>
    public IReadOnlyList<RunSummary> List(RunQuery query, int skip, int take)
    {
        var (where, parameters) = RunQuerySql.Filter(query);
        return Query($"{where} {RunQuerySql.Order(query)} LIMIT $take OFFSET $skip", [.. parameters, ("$take", take), ("$skip", skip)]);
    }

    public int Count(RunQuery query)
    {
        var (where, parameters) = RunQuerySql.Filter(query);
        return Count(where, parameters);
    }

    /// <summary>Everyone who owns a run, A to Z.</summary>
    public IReadOnlyList<string> Owners() => database.Strings("SELECT DISTINCT owner FROM runs WHERE owner IS NOT NULL ORDER BY owner COLLATE NOCASE");

    /// <summary>Replaces a run's tags and note; false when there is no such run.</summary>
    public bool Annotate(string runId, RunAnnotations annotations)
    {
        using var connection = database.Open();
        return SqliteDatabase.Execute(connection, "UPDATE runs SET tags = $tags, note = $note WHERE id = $id",
            ("$tags", RunAnnotations.Join(annotations.Tags)), ("$note", annotations.Note), ("$id", runId)) > 0;
    }

    /// <summary>
    /// Removes a run that is not active with its events and thumbnails, in one write transaction that checks the status first
    /// (a resume cannot slip in between). False when the run is active or gone.
    /// </summary>
    public bool Remove(string runId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var statusCommand = SqliteDatabase.Command(connection, "SELECT status FROM runs WHERE id = $id", ("$id", runId));
        if (statusCommand.ExecuteScalar() is not string status || RunStatus.IsActive(status)) return false;
        SqliteDatabase.Execute(connection, "DELETE FROM thumbnails WHERE run_id = $id; DELETE FROM events WHERE run_id = $id; DELETE FROM runs WHERE id = $id",
            ("$id", runId));
        transaction.Commit();
        return true;
    }
}
