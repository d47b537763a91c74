using Dashboard.Runs.Listing;
using Dashboard.Storage;
using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>
/// Runs and every event of every run in SQLite (WAL mode), written as they happen, so a late viewer, a reconnect or
/// a restarted server sees the whole history. Each call opens a pooled connection: safe from any thread.
/// </summary>
public sealed partial class RunStore
{
    private readonly SqliteDatabase database;

    public RunStore(string databasePath)
    {
        database = new SqliteDatabase(databasePath);
        database.Execute(RunStoreSchema.Create);
        RunStoreSchema.Upgrade(database);
    }

    /// <summary>Stores a queued run; <paramref name="columns"/>, when the caller has the recipe parsed, saves parsing <paramref name="recipeJson"/> again.</summary>
    public RunSummary Create(string name, string recipeJson, string? owner = null, RecipeColumns? columns = null)
    {
        var run = new RunSummary(Guid.NewGuid().ToString("N")[..12], name, RunStatus.Queued, recipeJson, DateTimeOffset.UtcNow, null, null, null, null, null, owner);
        columns ??= RecipeColumns.From(recipeJson);
        database.Execute("""
            INSERT INTO runs (id, name, status, recipe, created_at, owner, arch, dataset, size)
            VALUES ($id, $name, $status, $recipe, $created, $owner, $arch, $dataset, $size)
            """, ("$id", run.Id), ("$name", name), ("$status", run.Status), ("$recipe", recipeJson), ("$created", run.CreatedAt.ToString("O")),
            ("$owner", owner), ("$arch", columns.Arch), ("$dataset", columns.Dataset), ("$size", columns.Size));
        return run;
    }

    /// <summary>
    /// Sets a run's status; with <paramref name="onlyFrom"/>, only when the run has that status now, in one statement, so
    /// two writers racing for a queued run (the worker starting it, a user stopping it) cannot both win.
    /// Returns whether the status changed.
    /// </summary>
    public bool SetStatus(string runId, string status, string? message = null, string? onlyFrom = null)
    {
        using var connection = database.Open();
        var sql = status switch
        {
            RunStatus.Running => "UPDATE runs SET status = $status, message = $message, started_at = COALESCE(started_at, $now), ended_at = NULL WHERE id = $id",
            RunStatus.Queued or RunStatus.Stopping => "UPDATE runs SET status = $status, message = $message WHERE id = $id",
            _ => "UPDATE runs SET status = $status, message = $message, ended_at = $now WHERE id = $id",
        };
        if (onlyFrom is not null) sql += " AND status = $from";
        return SqliteDatabase.Execute(connection, sql, ("$status", status), ("$message", message), ("$now", DateTimeOffset.UtcNow.ToString("O")),
            ("$id", runId), ("$from", onlyFrom)) > 0;
    }

    public void SetResult(string runId, double? accuracy, double? ttaAccuracy)
    {
        using var connection = database.Open();
        SqliteDatabase.Execute(connection, "UPDATE runs SET accuracy = $accuracy, tta_accuracy = $tta WHERE id = $id", ("$accuracy", accuracy), ("$tta", ttaAccuracy), ("$id", runId));
    }

    /// <summary>
    /// Appends an event; returns its sequence number within the run. Nothing is ever deleted (a resume appends a
    /// <see cref="RunResumed"/>), so a number is never given twice.
    /// </summary>
    public RunEvent Append(string runId, TrainingEvent trainingEvent)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var nextCommand = SqliteDatabase.Command(connection, "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE run_id = $id", ("$id", runId));
        var stored = Insert(connection, runId, (long)nextCommand.ExecuteScalar()!, trainingEvent);
        transaction.Commit();
        return stored;
    }

    /// <summary>Inserts one event under its number (thumbnail PNGs into <see cref="ThumbnailBlobs"/>); returns it as stored.</summary>
    private static RunEvent Insert(Microsoft.Data.Sqlite.SqliteConnection connection, string runId, long sequence, TrainingEvent trainingEvent)
    {
        var stored = ThumbnailBlobs.Write(connection, runId, sequence, trainingEvent);
        SqliteDatabase.Execute(connection, "INSERT INTO events (run_id, seq, type, json) VALUES ($id, $seq, $type, $json)",
            ("$id", runId), ("$seq", sequence), ("$type", stored.GetType().Name), ("$json", EventJson.Serialize(stored)));
        return new RunEvent(runId, sequence, stored);
    }

    /// <summary>
    /// Stores events numbered by a worker, in one transaction: a number already stored is skipped (a batch sent twice is
    /// stored once), and storing stops at the first gap, so events are stored in order or not at all. Returns the events
    /// stored now and the run's last stored number, which the worker takes as acknowledged.
    /// </summary>
    public (IReadOnlyList<RunEvent> Stored, long Last) AppendNumbered(string runId, IEnumerable<Runs.Workers.NumberedEvent> events)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        long last = LastSequence(connection, runId);
        var stored = new List<RunEvent>();
        foreach (var numbered in events.OrderBy(e => e.Sequence))
        {
            if (numbered.Sequence <= last) continue;
            if (numbered.Sequence != last + 1) break;
            stored.Add(Insert(connection, runId, numbered.Sequence, numbered.Event));
            last = numbered.Sequence;
        }
        transaction.Commit();
        return (stored, last);
    }

    /// <summary>The run's last stored sequence number, 0 when it has no event.</summary>
    public long LastSequence(string runId)
    {
        using var connection = database.Open();
        return LastSequence(connection, runId);
    }

    private static long LastSequence(Microsoft.Data.Sqlite.SqliteConnection connection, string runId)
    {
        using var command = SqliteDatabase.Command(connection, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE run_id = $id", ("$id", runId));
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<RunEvent> Events(string runId, long afterSequence = 0)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, "SELECT seq, json FROM events WHERE run_id = $id AND seq > $after ORDER BY seq", ("$id", runId), ("$after", afterSequence));
        using var reader = command.ExecuteReader();
        var events = new List<RunEvent>();
        while (reader.Read()) events.Add(new RunEvent(runId, reader.GetInt64(0), EventJson.Deserialize(reader.GetString(1))));
        return events;
    }

    /// <summary>One stored event, or null.</summary>
    public RunEvent? Event(string runId, long sequence)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, "SELECT json FROM events WHERE run_id = $id AND seq = $seq", ("$id", runId), ("$seq", sequence));
        return command.ExecuteScalar() is string json ? new RunEvent(runId, sequence, EventJson.Deserialize(json)) : null;
    }

    /// <summary>
    /// One thumbnail PNG of a <see cref="ThumbnailsCaptured"/> event, or null: from <see cref="ThumbnailBlobs"/>, or from the
    /// event itself for events stored before thumbnails were kept apart.
    /// </summary>
    public byte[]? Thumbnail(string runId, long sequence, int index)
    {
        using (var connection = database.Open())
            if (ThumbnailBlobs.Read(connection, runId, sequence, index) is { } png) return png;
        return Event(runId, sequence)?.Event is ThumbnailsCaptured captured && index >= 0 && index < captured.Pngs.Count ? captured.Pngs[index] : null;
    }

    public RunSummary? Find(string runId) => Query("WHERE id = $id", ("$id", runId)).FirstOrDefault();

    /// <summary>Newest first, one page at a time.</summary>
    public IReadOnlyList<RunSummary> List(int skip = 0, int take = 50) => List(RunQuery.Newest, skip, take);

    public int CountWithStatus(string status) => Count("WHERE status = $status", ("$status", status));

    public int Count() => Count("");

    public bool HasRunNamed(string name) => Count("WHERE name = $name", ("$name", name)) > 0;

    private int Count(string clause, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, "SELECT COUNT(*) FROM runs " + clause, parameters);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<RunSummary> WithStatus(string status) => Query("WHERE status = $status ORDER BY created_at", ("$status", status));

    private List<RunSummary> Query(string clause, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, RunStoreSchema.SelectRuns + " " + clause, parameters);
        using var reader = command.ExecuteReader();
        var runs = new List<RunSummary>();
        while (reader.Read()) runs.Add(RunStoreSchema.ReadRun(reader));
        return runs;
    }
}
