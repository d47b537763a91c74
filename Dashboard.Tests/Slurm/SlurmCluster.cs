using System.Diagnostics;
using Dashboard.Runs.Executors;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Slurm;

/// <summary>
/// The one-node Slurm cluster <c>scripts/slurm-one-node.sh</c> starts (scripts/test.sh does, as root): whether it is up,
/// a host whose runs are Slurm jobs, and <c>squeue</c>/<c>scancel</c> as a user at a shell would call them.
/// </summary>
public static class SlurmCluster
{
    public static void RequireRunning() =>
        Preconditions.Require(IsUp(), "a Slurm cluster answering sinfo; start one with `sudo bash scripts/slurm-one-node.sh` (Debian 12: slurmctld slurmd slurm-client munge)");

    public static Task<DashboardHost> StartHostAsync(IDictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        var all = new Dictionary<string, string?> { ["Dashboard:Executor"] = ExecutorNames.Slurm, ["Dashboard:Slurm:PollSeconds"] = "0.5" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return DashboardHost.StartAsync(dataFolder, all);
    }

    /// <summary>The ids <c>squeue</c> lists for a job name.</summary>
    public static IReadOnlyList<string> QueuedJobs(string jobName) =>
        Run("squeue", "-h", "-n", jobName, "-o", "%i").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool InQueue(string jobId) => Run("squeue", "-h", "-j", jobId, "-o", "%i").Trim().Length > 0;

    public static void Cancel(string jobId) => Run("scancel", jobId);

    private static bool IsUp()
    {
        try { return Run("sinfo", "-h", "-o", "%t").Split('\n').Any(state => state.Trim() is "idle" or "mix" or "alloc"); }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static string Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
