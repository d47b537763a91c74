namespace Dashboard.Runs.Slurm;

/// <summary>A Slurm job as <c>scontrol show job -o</c> reports it: its state, the reason it waits or ended, its exit code.</summary>
public sealed record SlurmJobState(string JobId, string State, string Reason, string ExitCode)
{
    /// <summary>States after which the job runs nothing more (COMPLETING is not one: its processes are still ending).</summary>
    private static readonly HashSet<string> Ended =
        ["COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY", "REVOKED", "SPECIAL_EXIT"];

    /// <summary>States in which Slurm, not the run, ended the job: the run can continue from its last epoch.</summary>
    private static readonly HashSet<string> EndedBySlurm = ["CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE"];

    public bool HasEnded => Ended.Contains(State);
    public bool WasEndedBySlurm => EndedBySlurm.Contains(State);

    /// <summary>e.g. "CANCELLED", "PENDING (Resources)", "FAILED (exit code 1:0)".</summary>
    public string Describe()
    {
        var details = new List<string>();
        if (Reason is not ("None" or "")) details.Add(Reason);
        if (State is "FAILED" or "COMPLETED" && ExitCode != "0:0") details.Add($"exit code {ExitCode}");
        return details.Count == 0 ? State : $"{State} ({string.Join(", ", details)})";
    }

    /// <summary>Reads one line of <c>scontrol show job -o</c>: space-separated <c>Key=Value</c> pairs.</summary>
    public static SlurmJobState Parse(string jobId, string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0]).ToDictionary(group => group.Key, group => group.First()[1]);
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : "";
        return new SlurmJobState(jobId, Field("JobState"), Field("Reason"), Field("ExitCode"));
    }
}
