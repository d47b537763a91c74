using Dashboard.Runs.Listing;
using Dashboard.Storage;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runs;

/// <summary>The run store's tables and how a row becomes a <see cref="RunSummary"/>.</summary>
internal static class RunStoreSchema
{
    /// <summary>
    /// <c>arch</c>, <c>dataset</c> and <c>size</c> repeat the recipe's (<see cref="RecipeColumns"/>) so the list searches and sorts by
    /// them in SQL; <c>tags</c> are separated by spaces.
    /// </summary>
    public const string Create = ThumbnailBlobs.Create + """
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, recipe TEXT NOT NULL,
            created_at TEXT NOT NULL, started_at TEXT, ended_at TEXT, message TEXT, accuracy REAL, tta_accuracy REAL, owner TEXT,
            tags TEXT NOT NULL DEFAULT '', note TEXT, arch TEXT, dataset TEXT, size INTEGER);
        CREATE TABLE IF NOT EXISTS events (
            run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, type TEXT NOT NULL, json TEXT NOT NULL,
            PRIMARY KEY (run_id, seq));
        """;

    public const string SelectRuns = "SELECT id, name, status, recipe, created_at, started_at, ended_at, message, accuracy, tta_accuracy, owner, tags, note FROM runs";

    /// <summary>Adds columns that newer versions introduced to a database made by an older one, filling the recipe's from each recipe.</summary>
    public static void Upgrade(SqliteDatabase database)
    {
        var columns = new List<string>();
        using (var connection = database.Open())
        using (var command = SqliteDatabase.Command(connection, "SELECT name FROM pragma_table_info('runs')"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) columns.Add(reader.GetString(0));
        if (!columns.Contains("owner")) database.Execute("ALTER TABLE runs ADD COLUMN owner TEXT");
        if (!columns.Contains("tags")) database.Execute("ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT ''; ALTER TABLE runs ADD COLUMN note TEXT");
        if (columns.Contains("dataset")) return;
        database.Execute("ALTER TABLE runs ADD COLUMN arch TEXT; ALTER TABLE runs ADD COLUMN dataset TEXT; ALTER TABLE runs ADD COLUMN size INTEGER");
        FillRecipeColumns(database);
    }

    private static void FillRecipeColumns(SqliteDatabase database)
    {
        using var connection = database.Open();
        var recipes = new List<(string Id, string Recipe)>();
        using (var command = SqliteDatabase.Command(connection, "SELECT id, recipe FROM runs"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) recipes.Add((reader.GetString(0), reader.GetString(1)));
        using var transaction = connection.BeginTransaction();
        foreach (var (id, recipe) in recipes)
        {
            var columns = RecipeColumns.From(recipe);
            SqliteDatabase.Execute(connection, "UPDATE runs SET arch = $arch, dataset = $dataset, size = $size WHERE id = $id",
                ("$arch", columns.Arch), ("$dataset", columns.Dataset), ("$size", columns.Size), ("$id", id));
        }
        transaction.Commit();
    }

    public static RunSummary ReadRun(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4)), OptionalTime(reader, 5), OptionalTime(reader, 6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9),
        reader.IsDBNull(10) ? null : reader.GetString(10))
    {
        Tags = RunAnnotations.Split(reader.GetString(11)),
        Note = reader.IsDBNull(12) ? null : reader.GetString(12),
    };

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column));
}
