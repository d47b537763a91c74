namespace Dashboard.Runs.Executors;

/// <summary>Says in words how a worker process ended without reporting its end: exit code or signal, and its last stderr lines.</summary>
public static class WorkerExit
{
    private const int StderrLines = 5;
    private const int SearchedLines = 20;
    private const string UnhandledPrefix = "Unhandled exception.";

    private static readonly Dictionary<int, string> Signals = new()
    {
        [2] = "SIGINT", [6] = "SIGABRT", [7] = "SIGBUS", [9] = "SIGKILL: kill -9, or the kernel's out-of-memory killer", [11] = "SIGSEGV", [15] = "SIGTERM",
    };

    public static string Describe(WorkerProcess worker)
    {
        var text = Describe(worker.ExitCode);
        // A crash's last lines are stack frames; the line naming the exception comes first, so it is kept as well.
        var kept = worker.LastStderrLines(SearchedLines);
        var cause = kept.LastOrDefault(line => line.TrimStart().StartsWith(UnhandledPrefix, StringComparison.Ordinal));
        var tail = kept.TakeLast(StderrLines).ToList();
        var lines = cause is null || tail.Contains(cause) ? tail : [cause, .. tail];
        return lines.Count == 0 ? text : $"{text}; its last lines on stderr: {string.Join(" | ", lines.Select(l => l.Trim()))}";
    }

    /// <summary>.NET reports a child killed by signal N as exit code 128 + N.</summary>
    public static string Describe(int exitCode)
    {
        int signal = exitCode - 128;
        if (signal is > 0 and < 65)
            return $"the worker process was killed by signal {signal} ({(Signals.TryGetValue(signal, out var name) ? name : "SIG" + signal)})";
        return $"the worker process exited with code {exitCode} without reporting how the run ended";
    }
}
