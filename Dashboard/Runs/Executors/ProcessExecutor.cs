using System.Collections.Concurrent;
using Dashboard.Runs.Workers;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Executors;

/// <summary>
/// Trains each run in a child process in worker mode (<c>Dashboard:Executor = process</c>). The worker streams its
/// events through <see cref="WorkerChannels"/>; when it exits, its end report says how the run ended, or, without one,
/// its exit code or signal and last stderr lines do: a crash, <c>kill -9</c> or an out-of-memory kill fails the run and
/// the server keeps serving. A stop reaches the worker in the reply to its next batch; one still running
/// <see cref="DashboardOptions.StopGraceSeconds"/> later is killed. When the host stops, workers are killed (the run
/// becomes interrupted and resumes from its last epoch).
/// </summary>
public sealed class ProcessExecutor(WorkerChannels channels, WorkerLauncher launcher, IOptions<DashboardOptions> options,
    IOptions<ProcessExecutorOptions> processOptions, ILogger<ProcessExecutor> logger) : IRunExecutor
{
    private readonly ConcurrentDictionary<string, WorkerProcess> workers = new();

    public int Slots => processOptions.Value.Slots > 0 ? processOptions.Value.Slots : Math.Max(1, CudaDevices.Count());

    /// <summary>The process id of the run's worker while it runs.</summary>
    public int? WorkerProcessId(string runId) => workers.TryGetValue(runId, out var worker) ? worker.Id : null;

    public async Task<RunOutcome> ExecuteAsync(RunSummary run, CancellationToken stop, CancellationToken hostStopping)
    {
        var token = channels.Open(run.Id, stop);
        WorkerProcess worker;
        try { worker = launcher.Start(run.Id, token); }
        catch
        {
            channels.Close(run.Id);
            throw;
        }
        using (worker)
        {
            workers[run.Id] = worker;
            logger.LogInformation("Run {RunId}: worker process {Pid} started", run.Id, worker.Id);
            bool killed = await WaitAsync(run.Id, worker, stop, hostStopping);
            workers.TryRemove(run.Id, out _);
            var end = channels.Close(run.Id);
            return Outcome(run.Id, end, worker, killed, hostStopping);
        }
    }

    /// <summary>
    /// Waits for the worker to exit. After a stop it has the grace period, after the host stopping none, after reporting
    /// its end <see cref="ExitAfterEnd"/> (a worker hung in its exit must not hold the executor). True when it was killed.
    /// </summary>
    private async Task<bool> WaitAsync(string runId, WorkerProcess worker, CancellationToken stop, CancellationToken hostStopping)
    {
        var exit = worker.WaitForExitAsync(CancellationToken.None);
        var ended = channels.EndReported(runId);
        var first = await Task.WhenAny(exit, ended, Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default));
        if (first == exit) return false;
        var grace = first == ended ? ExitAfterEnd : hostStopping.IsCancellationRequested ? TimeSpan.Zero : TimeSpan.FromSeconds(options.Value.StopGraceSeconds);
        if (await ExitsWithinAsync(exit, grace, hostStopping)) return false;
        logger.LogWarning("Run {RunId}: worker process {Pid} is killed ({Why})", runId, worker.Id, first == ended ? "it did not exit after its end" : "stop");
        try { worker.Kill(); }
        catch (InvalidOperationException) { } // it exited meanwhile
        await exit;
        return true;
    }

    /// <summary>How long a worker that reported its end may take to exit.</summary>
    public static readonly TimeSpan ExitAfterEnd = TimeSpan.FromSeconds(10);

    private static async Task<bool> ExitsWithinAsync(Task exit, TimeSpan grace, CancellationToken cancellation)
    {
        if (exit.IsCompleted || grace <= TimeSpan.Zero) return exit.IsCompleted;
        try { await Task.WhenAny(exit, Task.Delay(grace, cancellation)); }
        catch (OperationCanceledException) { }
        return exit.IsCompleted;
    }

    private RunOutcome Outcome(string runId, WorkerEnd? end, WorkerProcess worker, bool killed, CancellationToken hostStopping)
    {
        if (end is not null) return new RunOutcome(end.Status, end.Message, end.Accuracy, end.TtaAccuracy);
        if (hostStopping.IsCancellationRequested) return new RunOutcome(RunStatus.Stopped, RunTraining.StoppedMessage); // becomes interrupted
        if (killed) return new RunOutcome(RunStatus.Stopped, $"{RunTraining.StoppedMessage}; the worker had not stopped {options.Value.StopGraceSeconds} s later and was killed");
        if (worker.ExitCode == WorkerExitCodes.LostServer)
            return new RunOutcome(RunStatus.Interrupted, $"the worker could not reach the server for {processOptions.Value.ServerLossSeconds} s and stopped; resume continues from its last epoch");
        logger.LogWarning("Run {RunId}: {Reason}", runId, WorkerExit.Describe(worker));
        return new RunOutcome(RunStatus.Failed, WorkerExit.Describe(worker));
    }
}
