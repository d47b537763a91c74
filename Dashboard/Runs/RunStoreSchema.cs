using Dashboard.Storage;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runs;

/// <summary>The run store's tables and how a row becomes a <see cref="RunSummary"/>.</summary>
internal static class RunStoreSchema
{
    public const string Create = ThumbnailBlobs.Create + """
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, recipe TEXT NOT NULL,
            created_at TEXT NOT NULL, started_at TEXT, ended_at TEXT, message TEXT, accuracy REAL, tta_accuracy REAL, owner TEXT);
        CREATE TABLE IF NOT EXISTS events (
            run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, type TEXT NOT NULL, json TEXT NOT NULL,
            PRIMARY KEY (run_id, seq));
        """;

    public const string SelectRuns = "SELECT id, name, status, recipe, created_at, started_at, ended_at, message, accuracy, tta_accuracy, owner FROM runs";

    /// <summary>Adds columns that newer versions introduced to a database made by an older one.</summary>
    public static void Upgrade(SqliteDatabase database)
    {
        var columns = new List<string>();
        using (var connection = database.Open())
        using (var command = SqliteDatabase.Command(connection, "SELECT name FROM pragma_table_info('runs')"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) columns.Add(reader.GetString(0));
        if (!columns.Contains("owner")) database.Execute("ALTER TABLE runs ADD COLUMN owner TEXT");
    }

    public static RunSummary ReadRun(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4)), OptionalTime(reader, 5), OptionalTime(reader, 6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9),
        reader.IsDBNull(10) ? null : reader.GetString(10));

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column));
}
