namespace Dashboard.Runs.Slurm;

/// <summary>
/// Which Slurm job trains a run: its id is kept in the run's folder (<c>slurm-job</c>), so a run's last job is known after
/// it ended and after a restart; its state and reason come from Slurm when asked.
/// </summary>
public sealed class SlurmJobs(DashboardPaths paths, SlurmCommands slurm, ILogger<SlurmJobs> logger)
{
    private const string FileName = "slurm-job";

    public void Record(string runId, string jobId)
    {
        Directory.CreateDirectory(paths.RunFolder(runId));
        File.WriteAllText(JobFile(runId), jobId);
    }

    public string? JobId(string runId) => File.Exists(JobFile(runId)) ? File.ReadAllText(JobFile(runId)).Trim() : null;

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
