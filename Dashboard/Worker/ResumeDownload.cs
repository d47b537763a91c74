using Dashboard.Configuration;
using Dashboard.Runs.Workers;
using Dashboard.Training.Recipes;

namespace Dashboard.Worker;

/// <summary>
/// Before a worker without the shared folder trains, brings the run's resume point from the server, which has the newest
/// one wherever the run trained before (this machine's may be older, or missing: another node), weights then record, so
/// a pair is complete only once both are here; then the checkpoints the resume point says were saved that are not here,
/// which later <c>load</c> steps may read.
/// </summary>
public static class ResumeDownload
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>False when the server was lost or refused the worker.</summary>
    public static async Task<bool> FetchAsync(WorkerConnection connection, DashboardPaths paths, string runId)
    {
        foreach (var name in WorkerFiles.ResumeNames)
            if (!await FetchAsync(connection, paths, runId, WorkerFiles.Resume, name)) return false;
        foreach (var name in new ResumeStore(paths.RunFolder(runId)).TryRead()?.Saved ?? [])
            if (!File.Exists(WorkerFiles.PathOf(paths, runId, WorkerFiles.Checkpoint, name)) && !await FetchAsync(connection, paths, runId, WorkerFiles.Checkpoint, name))
                return false;
        return true;
    }

    /// <summary>A file the server does not have (404) is no error: a run that never reached an epoch end has no resume point.</summary>
    private static async Task<bool> FetchAsync(WorkerConnection connection, DashboardPaths paths, string runId, string kind, string name)
    {
        while (true)
        {
            var (delivery, refusal) = await connection.DownloadAsync(kind, name, WorkerFiles.PathOf(paths, runId, kind, name));
            if (delivery == Delivery.Delivered || refusal?.StartsWith("404", StringComparison.Ordinal) == true) return true;
            if (delivery == Delivery.Refused)
            {
                connection.Refuse($"the server refused to send {kind} file '{name}': {refusal}");
                return false;
            }
            if (connection.Lost) return false;
            await Task.Delay(RetryInterval);
        }
    }
}
