using Dashboard.Storage;
using Dashboard.Training.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runs;

/// <summary>
/// Thumbnail PNGs kept beside the events, in a table keyed by run, event sequence number and index, so an event's JSON
/// carries only their count (the run's <c>/events</c> stays small) and the images are served by URL.
/// </summary>
internal static class ThumbnailBlobs
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS thumbnails (
            run_id TEXT NOT NULL, seq INTEGER NOT NULL, idx INTEGER NOT NULL, png BLOB NOT NULL, PRIMARY KEY (run_id, seq, idx));
        """;

    /// <summary>Writes a <see cref="ThumbnailsCaptured"/>'s PNGs (in the caller's transaction); returns the event as it is stored, without them.</summary>
    public static TrainingEvent Write(SqliteConnection connection, string runId, long sequence, TrainingEvent trainingEvent)
    {
        if (trainingEvent is not ThumbnailsCaptured { Pngs.Count: > 0 } captured) return trainingEvent;
        for (int index = 0; index < captured.Pngs.Count; index++)
            SqliteDatabase.Execute(connection, "INSERT INTO thumbnails (run_id, seq, idx, png) VALUES ($id, $seq, $idx, $png)",
                ("$id", runId), ("$seq", sequence), ("$idx", index), ("$png", captured.Pngs[index]));
        return captured with { Pngs = [] };
    }

    public static byte[]? Read(SqliteConnection connection, string runId, long sequence, int index)
    {
        using var command = SqliteDatabase.Command(connection, "SELECT png FROM thumbnails WHERE run_id = $id AND seq = $seq AND idx = $idx",
            ("$id", runId), ("$seq", sequence), ("$idx", index));
        return command.ExecuteScalar() as byte[];
    }
}
