using System.Diagnostics;

namespace Dashboard.Runs.Executors;

/// <summary>
/// A worker process: its id and start time, the last lines it wrote to standard error, how it exited. One this server
/// started is its child; one it adopted after a restart (<see cref="Adopt"/>) is not, so its output and exit code are not known here.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private const int KeptStderrLines = 20;

    /// <summary>How far a process's start time may be from the recorded one (both are read from /proc, rounded to clock ticks).</summary>
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);

    private readonly Process process;
    private readonly Queue<string> stderr = new();

    private WorkerProcess(Process process)
    {
        this.process = process;
        Id = process.Id;
        StartedAt = process.StartTime.ToUniversalTime();
    }

    private WorkerProcess(Process process, string runId, ILogger logger) : this(process)
    {
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) logger.LogDebug("worker {RunId}: {Line}", runId, line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Keep(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        IsChild = true;
    }

    public int Id { get; }
    public DateTime StartedAt { get; }
    public bool IsChild { get; }
    public int ExitCode => process.ExitCode;

    /// <summary>The live process with this id and start time (a worker started by the server before a restart); null when it is gone.</summary>
    public static WorkerProcess? Adopt(int processId, DateTime startedAt)
    {
        Process process;
        try { process = Process.GetProcessById(processId); }
        catch (ArgumentException) { return null; } // no such process
        try
        {
            if (!process.HasExited && (process.StartTime.ToUniversalTime() - startedAt).Duration() <= StartTimeTolerance) return new WorkerProcess(process);
        }
        catch (InvalidOperationException) { } // it exited meanwhile
        process.Dispose();
        return null;
    }

    public static WorkerProcess Start(ProcessStartInfo start, string runId, ILogger logger) =>
        new(Process.Start(start) ?? throw new InvalidOperationException($"could not start the worker process {start.FileName}"), runId, logger);

    /// <summary>Waits for the exit and for the end of its output.</summary>
    public Task WaitForExitAsync(CancellationToken cancellation) => process.WaitForExitAsync(cancellation);

    public void Kill() => process.Kill(entireProcessTree: true);

    public IReadOnlyList<string> LastStderrLines(int count)
    {
        lock (stderr) return stderr.TakeLast(count).ToArray();
    }

    private void Keep(string line)
    {
        lock (stderr)
        {
            stderr.Enqueue(line);
            if (stderr.Count > KeptStderrLines) stderr.Dequeue();
        }
    }

    public void Dispose() => process.Dispose();
}
