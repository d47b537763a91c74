using System.Text.Json;
using Dashboard.Configuration;

namespace Dashboard.Runs.Slurm;

/// <summary>
/// Which Slurm job trains a run: its id and the SHA-256 hash of its worker's token (never the token) are kept in the
/// run's folder (<c>slurm-job.json</c>), so a run's last job is known after it ended, and a restarted server can
/// re-attach to it; its state and reason come from Slurm when asked.
/// </summary>
public sealed class SlurmJobs(DashboardPaths paths, SlurmCommands slurm, ILogger<SlurmJobs> logger)
{
    private const string FileName = "slurm-job.json";

    public void Record(string runId, SlurmJobRecord record)
    {
        Directory.CreateDirectory(paths.RunFolder(runId));
        var file = JobFile(runId);
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(record));
        File.Move(file + ".tmp", file, overwrite: true);
    }

    /// <summary>The run's last job; null when it never had one or its record cannot be read.</summary>
    public SlurmJobRecord? Read(string runId)
    {
        try { return File.Exists(JobFile(runId)) ? JsonSerializer.Deserialize<SlurmJobRecord>(File.ReadAllText(JobFile(runId))) : null; }
        catch (JsonException) { return null; }
    }

    public string? JobId(string runId) => Read(runId)?.JobId;

    /// <summary>The run's last job and its state; null for a run that never had one. A state Slurm cannot give is "unknown".</summary>
    public async Task<SlurmJobStatus?> StatusAsync(string runId, CancellationToken cancellation)
    {
        if (JobId(runId) is not { } jobId) return null;
        try
        {
            var state = await slurm.QueryAsync(jobId, cancellation);
            return state is null ? new SlurmJobStatus(jobId, "unknown", "Slurm no longer knows this job") : new SlurmJobStatus(jobId, state.State, state.Reason);
        }
        catch (SlurmException e)
        {
            logger.LogWarning("Run {RunId}: the state of Slurm job {JobId} is not known: {Message}", runId, jobId, e.Message);
            return new SlurmJobStatus(jobId, "unknown", e.Message);
        }
    }

    private string JobFile(string runId) => Path.Combine(paths.RunFolder(runId), FileName);
}

/// <summary>What the run page and <c>GET /api/runs/{id}</c> show of a run's Slurm job.</summary>
public sealed record SlurmJobStatus(string JobId, string State, string Reason);

/// <summary>A run's Slurm job and the hash of the token its worker holds.</summary>
public sealed record SlurmJobRecord(string JobId, byte[] TokenHash);
