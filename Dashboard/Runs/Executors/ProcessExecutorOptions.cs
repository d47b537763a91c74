using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runs.Executors;

/// <summary>The <c>process</c> executor's settings; bound to "Dashboard:Process".</summary>
public sealed class ProcessExecutorOptions
{
    public const string SectionName = "Dashboard:Process";

    /// <summary>The address workers reach the server at; empty: the server's own first listening address (a wildcard host becomes 127.0.0.1).</summary>
    public string? ServerUrl { get; set; }

    /// <summary>Seconds a worker keeps training and buffering while it cannot reach the server; then it stops at its last resume point.</summary>
    [Range(1, 86_400)]
    public int ServerLossSeconds { get; set; } = 60;

    /// <summary>Runs that train at once, each in its own worker; 0 (the default): one per CUDA device, one without a GPU.</summary>
    [Range(0, 256)]
    public int Slots { get; set; }
}
