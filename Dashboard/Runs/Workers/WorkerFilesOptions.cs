using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runs.Workers;

/// <summary>
/// For machines that train without the server's shared folder (no NFS between the cluster's nodes and the server);
/// bound to "Dashboard:WorkerFiles".
/// </summary>
public sealed class WorkerFilesOptions
{
    public const string SectionName = "Dashboard:WorkerFiles";

    /// <summary>
    /// A folder local to each machine that trains (e.g. <c>/tmp/dashboard</c>); when set, workers write checkpoints and
    /// resume points there and upload each to the server, and download a run's resume point before resuming it. Empty (the
    /// default): workers share <see cref="DashboardOptions.SharedFolder"/> with the server. Relative paths are under the content root.
    /// </summary>
    public string? ScratchFolder { get; set; }

    /// <summary>The largest checkpoint or resume point file a worker may upload, in megabytes.</summary>
    [Range(1, 1_000_000)]
    public int MaxUploadMegabytes { get; set; } = 4096;

    public bool Uploads => !string.IsNullOrWhiteSpace(ScratchFolder);

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
