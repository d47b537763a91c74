using Dashboard.Configuration;
using Dashboard.Runs.Slurm;
using Dashboard.Runs.Workers;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Executors;

/// <summary>
/// Trains each run in a Slurm job in worker mode (<c>Dashboard:Executor = slurm</c>): <c>sbatch</c> submits it, the
/// worker streams its events through <see cref="WorkerChannels"/> as a <c>process</c> worker does, and the job's state
/// is read from Slurm until it ends. A stop is <c>scancel</c> (the worker gets SIGTERM and stops at its next batch). When
/// the host stops, jobs train on (their workers buffer their events) and the restarted server re-attaches to each
/// (<see cref="Reattach"/>, by the job id and token hash in <see cref="SlurmJobs"/>). A job that ends without its worker reporting the run's end, or whose worker stopped because
/// Slurm ended the job (cancelled outside the dashboard, time limit, node failure), leaves the run interrupted with
/// Slurm's reason, resumable. A missing or failing <c>sbatch</c> fails the run with Slurm's message.
/// </summary>
public sealed class SlurmExecutor(WorkerChannels channels, WorkerLauncher launcher, SlurmCommands slurm, SlurmJobs jobs, DashboardPaths paths,
    IOptions<SlurmOptions> options, IOptions<WorkerFilesOptions> files, ILogger<SlurmExecutor> logger) : IRunExecutor
{
    public int Slots => options.Value.MaxJobs;

    /// <summary>
    /// Reopens the channel of a run whose job a previous server submitted and watches the job again; a job that ended
    /// meanwhile ends the run as a job ending now would. Null when the run has no job record.
    /// </summary>
    public Task<RunOutcome>? Reattach(RunSummary run, CancellationToken stop, CancellationToken hostStopping)
    {
        if (jobs.Read(run.Id) is not { } record) return null;
        channels.Reopen(run.Id, record.TokenHash, stop);
        logger.LogInformation("Run {RunId}: re-attached to Slurm job {JobId}", run.Id, record.JobId);
        return SuperviseAsync(run.Id, record.JobId, stop, hostStopping);
    }

    public async Task<RunOutcome> ExecuteAsync(RunSummary run, Recipe recipe, CancellationToken stop, CancellationToken hostStopping)
    {
        var token = channels.Open(run.Id, stop);
        string jobId;
        try { jobId = await SubmitAsync(run.Id, token); }
        catch
        {
            channels.Close(run.Id);
            throw;
        }
        jobs.Record(run.Id, new SlurmJobRecord(jobId, WorkerChannels.TokenHash(token)));
        logger.LogInformation("Run {RunId}: Slurm job {JobId} submitted", run.Id, jobId);
        return await SuperviseAsync(run.Id, jobId, stop, hostStopping);
    }

    private async Task<RunOutcome> SuperviseAsync(string runId, string jobId, CancellationToken stop, CancellationToken hostStopping)
    {
        var state = await WatchAsync(runId, jobId, stop, hostStopping);
        if (hostStopping.IsCancellationRequested && !channels.EndReported(runId).IsCompleted) return RunOutcome.Detached; // the job trains on; the next start re-attaches to it
        return Outcome(runId, jobId, channels.Close(runId), state, stop);
    }

    /// <summary>The token travels in sbatch's environment, which the job inherits: not in the script, not in the process list.</summary>
    private Task<string> SubmitAsync(string runId, string token) =>
        slurm.SubmitAsync(SbatchOptions(runId), SlurmBatchScript.For(launcher.CommandLine(runId)),
            new Dictionary<string, string> { [WorkerProtocol.TokenVariable] = token }, CancellationToken.None);

    private IEnumerable<string> SbatchOptions(string runId)
    {
        var settings = options.Value;
        Directory.CreateDirectory(paths.RunFolder(runId));
        yield return $"--job-name={settings.JobNamePrefix}{runId}";
        yield return $"--chdir={launcher.WorkingDirectory}";
        yield return $"--output={Path.Combine(OutputFolder(runId), "slurm-%j.out")}";
        if (!string.IsNullOrWhiteSpace(settings.Partition)) yield return $"--partition={settings.Partition}";
        if (!string.IsNullOrWhiteSpace(settings.Gres)) yield return $"--gres={settings.Gres}";
        if (!string.IsNullOrWhiteSpace(settings.TimeLimit)) yield return $"--time={settings.TimeLimit}";
        foreach (var option in settings.ExtraOptions) yield return option;
    }

    /// <summary>
    /// Reads the job's state until it ends (or, once the worker reported the run's end, for at most
    /// <see cref="SlurmOptions.ExitAfterEndSeconds"/>); cancels it on a stop, leaves it when the host stops. Null when
    /// Slurm no longer knows the job, or the host stops.
    /// </summary>
    private async Task<SlurmJobState?> WatchAsync(string runId, string jobId, CancellationToken stop, CancellationToken hostStopping)
    {
        var ended = channels.EndReported(runId);
        var stopped = Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        var giveUpAfterEnd = TimeSpan.FromSeconds(options.Value.ExitAfterEndSeconds);
        var endSeen = (DateTime?)null;
        bool cancelled = false;
        while (true)
        {
            if (hostStopping.IsCancellationRequested) return null; // checked first: the host stopping cancels stop too
            if (stop.IsCancellationRequested && !cancelled) cancelled = await CancelAsync(runId, jobId);
            var state = await QueryAsync(runId, jobId);
            if (state is null || state.HasEnded) return state;
            if (ended.IsCompleted && DateTime.UtcNow - (endSeen ??= DateTime.UtcNow) > giveUpAfterEnd) return state;
            await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds)), ended.IsCompleted ? stopped : ended, stopped);
        }
    }

    private async Task<bool> CancelAsync(string runId, string jobId)
    {
        logger.LogInformation("Run {RunId}: cancelling Slurm job {JobId}", runId, jobId);
        try { await slurm.CancelAsync(jobId, CancellationToken.None); }
        catch (SlurmException e) { logger.LogWarning("Run {RunId}: scancel {JobId}: {Message}", runId, jobId, e.Message); }
        return true;
    }

    /// <summary>A failing <c>scontrol</c> (the controller restarting) is logged and read again at the next look; the job is taken as still there.</summary>
    private async Task<SlurmJobState?> QueryAsync(string runId, string jobId)
    {
        try { return await slurm.QueryAsync(jobId, CancellationToken.None); }
        catch (SlurmException e)
        {
            logger.LogWarning("Run {RunId}: the state of Slurm job {JobId} could not be read: {Message}", runId, jobId, e.Message);
            return new SlurmJobState(jobId, "UNKNOWN", e.Message, "");
        }
    }

    private RunOutcome Outcome(string runId, string jobId, WorkerEnd? end, SlurmJobState? state, CancellationToken stop)
    {
        bool stoppedHere = stop.IsCancellationRequested; // by a user
        if (end is not null && (end.Status != RunStatus.Stopped || stoppedHere)) return new RunOutcome(end.Status, end.Message, end.Accuracy, end.TtaAccuracy);
        if (stoppedHere) return new RunOutcome(RunStatus.Stopped, RunTraining.StoppedMessage);
        var slurmSays = state is null ? "Slurm no longer knows the job" : state.Describe();
        if (end is not null || state is null || state.WasEndedBySlurm || state.ExitCode == $"{WorkerExitCodes.LostServer}:0")
            return new RunOutcome(RunStatus.Interrupted, $"Slurm job {jobId} ended before the run did: {slurmSays}; resume continues from its last epoch");
        logger.LogWarning("Slurm job {JobId} ended without its worker reporting: {State}", jobId, slurmSays);
        return new RunOutcome(RunStatus.Failed, $"Slurm job {jobId} ended without its worker reporting how the run ended: {slurmSays}{OutputTail(runId, jobId)}");
    }

    /// <summary>The run's folder on the shared folder; without one, the node's scratch folder, which must exist on each node (the server cannot read it).</summary>
    private string OutputFolder(string runId) => files.Value.Uploads ? launcher.ScratchFolder : paths.RunFolder(runId);

    private const int OutputLines = 5;

    /// <summary>The last lines of the job's output file (the worker's standard output and error), as a crashed process worker's message has them.</summary>
    private string OutputTail(string runId, string jobId)
    {
        var file = Path.Combine(paths.RunFolder(runId), $"slurm-{jobId}.out");
        if (!File.Exists(file)) return "";
        var lines = File.ReadLines(file).Where(line => line.Trim().Length > 0).TakeLast(OutputLines).Select(line => line.Trim()).ToList();
        return lines.Count == 0 ? "" : $"; the last lines of its output: {string.Join(" | ", lines)}";
    }
}
