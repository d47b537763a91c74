using Dashboard.Training;

namespace Dashboard.Runs.Slurm;

/// <summary>The batch script of a run's job: the training environment variables, then the worker command (<c>exec</c>, so <c>scancel</c>'s SIGTERM reaches it).</summary>
public static class SlurmBatchScript
{
    public static string For(IReadOnlyList<string> workerCommand)
    {
        var lines = new List<string> { "#!/bin/sh" };
        lines.AddRange(ProcessEnvironment.Recommended.Select(pair => $"export {pair.Key}={Quote(pair.Value)}"));
        lines.Add("exec " + string.Join(" ", workerCommand.Select(Quote)));
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>POSIX shell single quotes: nothing inside is expanded; a quote is closed, escaped and reopened.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
