using System.Text.Json;
using Dashboard.Configuration;

namespace Dashboard.Runs.Executors;

/// <summary>
/// What a restarted server needs to re-attach to a run's live worker process, kept in the run's folder
/// (<c>worker.json</c>) while the worker runs: its process id and start time (a reused id has another start time) and
/// the SHA-256 hash of its token (the token itself is never written).
/// </summary>
public sealed class WorkerRecords(DashboardPaths paths)
{
    private const string FileName = "worker.json";

    public void Write(string runId, WorkerRecord record)
    {
        Directory.CreateDirectory(paths.RunFolder(runId));
        var file = File(runId);
        System.IO.File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(record));
        System.IO.File.Move(file + ".tmp", file, overwrite: true);
    }

    /// <summary>The run's record; null when it has none or it cannot be read (then there is nothing to re-attach to).</summary>
    public WorkerRecord? Read(string runId)
    {
        try { return System.IO.File.Exists(File(runId)) ? JsonSerializer.Deserialize<WorkerRecord>(System.IO.File.ReadAllText(File(runId))) : null; }
        catch (JsonException) { return null; }
    }

    public void Delete(string runId) => System.IO.File.Delete(File(runId));

    private string File(string runId) => Path.Combine(paths.RunFolder(runId), FileName);
}

public sealed record WorkerRecord(int ProcessId, DateTime StartedAt, byte[] TokenHash);
