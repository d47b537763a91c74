using System.Collections.Concurrent;
using Dashboard.Configuration;
using Dashboard.Runs.Workers;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Executors;

/// <summary>
/// Trains each run in a child process in worker mode (<c>Dashboard:Executor = process</c>). The worker streams its
/// events through <see cref="WorkerChannels"/>; when it exits, its end report says how the run ended, or, without one,
/// its exit code or signal and last stderr lines do: a crash, <c>kill -9</c> or an out-of-memory kill fails the run and
/// the server keeps serving. A stop reaches the worker in the reply to its next batch; one still running
/// <see cref="DashboardOptions.StopGraceSeconds"/> later is killed. When the host stops, workers keep training (they
/// buffer their events): the restarted server re-attaches to each one still alive (<see cref="Reattach"/>, by the
/// process id, start time and token hash in <see cref="WorkerRecords"/>).
/// </summary>
public sealed class ProcessExecutor(WorkerChannels channels, WorkerLauncher launcher, WorkerRecords records, IOptions<DashboardOptions> options,
    IOptions<ProcessExecutorOptions> processOptions, ILogger<ProcessExecutor> logger) : IRunExecutor
{
    public const string ReattachedEndMessage = "the worker, re-attached after a restart of the server, ended without reporting how the run ended; resume continues from its last epoch";

    private readonly ConcurrentDictionary<string, WorkerProcess> workers = new();

    public int Slots => processOptions.Value.Slots > 0 ? processOptions.Value.Slots : Math.Max(1, CudaDevices.Count());

    /// <summary>The process id of the run's worker while it runs.</summary>
    public int? WorkerProcessId(string runId) => workers.TryGetValue(runId, out var worker) ? worker.Id : null;

    public async Task<RunOutcome> ExecuteAsync(RunSummary run, Recipe recipe, CancellationToken stop, CancellationToken hostStopping)
    {
        var token = channels.Open(run.Id, stop);
        WorkerProcess worker;
        try { worker = launcher.Start(run.Id, token); }
        catch
        {
            channels.Close(run.Id);
            throw;
        }
        records.Write(run.Id, new WorkerRecord(worker.Id, worker.StartedAt, WorkerChannels.TokenHash(token)));
        logger.LogInformation("Run {RunId}: worker process {Pid} started", run.Id, worker.Id);
        return await SuperviseAsync(run.Id, worker, stop, hostStopping);
    }

    /// <summary>Reopens the channel of a run whose worker, started before a restart, still runs, and supervises it; null when it does not run.</summary>
    public Task<RunOutcome>? Reattach(RunSummary run, CancellationToken stop, CancellationToken hostStopping)
    {
        if (records.Read(run.Id) is not { } record || WorkerProcess.Adopt(record.ProcessId, record.StartedAt) is not { } worker) return null;
        channels.Reopen(run.Id, record.TokenHash, stop);
        logger.LogInformation("Run {RunId}: re-attached to its worker process {Pid}", run.Id, worker.Id);
        return SuperviseAsync(run.Id, worker, stop, hostStopping);
    }

    private async Task<RunOutcome> SuperviseAsync(string runId, WorkerProcess worker, CancellationToken stop, CancellationToken hostStopping)
    {
        using (worker)
        {
            workers[runId] = worker;
            var ending = await WaitAsync(runId, worker, stop, hostStopping);
            workers.TryRemove(runId, out _);
            if (ending == Ending.Detached) return RunOutcome.Detached; // the record stays for the next start
            records.Delete(runId);
            return Outcome(runId, channels.Close(runId), worker, ending == Ending.Killed);
        }
    }

    private enum Ending { Exited, Killed, Detached }

    /// <summary>
    /// Waits for the worker to exit. After a stop it has the grace period, after reporting its end <see cref="ExitAfterEnd"/>
    /// (a worker hung in its exit must not hold the executor); when the host stops, it is left running.
    /// </summary>
    private async Task<Ending> WaitAsync(string runId, WorkerProcess worker, CancellationToken stop, CancellationToken hostStopping)
    {
        var exit = worker.WaitForExitAsync(CancellationToken.None);
        var ended = channels.EndReported(runId);
        var first = await Task.WhenAny(exit, ended, Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default));
        if (first == exit) return Ending.Exited;
        var grace = first == ended ? ExitAfterEnd : TimeSpan.FromSeconds(options.Value.StopGraceSeconds);
        if (await ExitsWithinAsync(exit, grace, hostStopping)) return Ending.Exited;
        if (hostStopping.IsCancellationRequested && first != ended) return Ending.Detached;
        logger.LogWarning("Run {RunId}: worker process {Pid} is killed ({Why})", runId, worker.Id, first == ended ? "it did not exit after its end" : "stop");
        try { worker.Kill(); }
        catch (InvalidOperationException) { } // it exited meanwhile
        await exit;
        return Ending.Killed;
    }

    /// <summary>How long a worker that reported its end may take to exit.</summary>
    public static readonly TimeSpan ExitAfterEnd = TimeSpan.FromSeconds(10);

    private static async Task<bool> ExitsWithinAsync(Task exit, TimeSpan grace, CancellationToken cancellation)
    {
        if (exit.IsCompleted || cancellation.IsCancellationRequested) return exit.IsCompleted;
        try { await Task.WhenAny(exit, Task.Delay(grace, cancellation)); }
        catch (OperationCanceledException) { }
        return exit.IsCompleted;
    }

    private RunOutcome Outcome(string runId, WorkerEnd? end, WorkerProcess worker, bool killed)
    {
        if (end is not null) return new RunOutcome(end.Status, end.Message, end.Accuracy, end.TtaAccuracy);
        if (killed) return new RunOutcome(RunStatus.Stopped, $"{RunTraining.StoppedMessage}; the worker had not stopped {options.Value.StopGraceSeconds} s later and was killed");
        if (!worker.IsChild) return new RunOutcome(RunStatus.Interrupted, ReattachedEndMessage);
        if (worker.ExitCode == WorkerExitCodes.LostServer)
            return new RunOutcome(RunStatus.Interrupted, $"the worker could not reach the server for {processOptions.Value.ServerLossSeconds} s and stopped; resume continues from its last epoch");
        logger.LogWarning("Run {RunId}: {Reason}", runId, WorkerExit.Describe(worker));
        return new RunOutcome(RunStatus.Failed, WorkerExit.Describe(worker));
    }
}
