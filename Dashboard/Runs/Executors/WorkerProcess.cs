using System.Diagnostics;

namespace Dashboard.Runs.Executors;

/// <summary>A started worker process: its id and start time, the last lines it wrote to standard error, how it exited.</summary>
public sealed class WorkerProcess : IDisposable
{
    private const int KeptStderrLines = 20;

    private readonly Process process;
    private readonly Queue<string> stderr = new();

    private WorkerProcess(Process process, string runId, ILogger logger)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) logger.LogDebug("worker {RunId}: {Line}", runId, line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Keep(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Id = process.Id;
        StartedAt = process.StartTime.ToUniversalTime();
    }

    public int Id { get; }
    public DateTime StartedAt { get; }
    public int ExitCode => process.ExitCode;

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
