using System.ComponentModel.DataAnnotations;

namespace Dashboard.Configuration;

/// <summary>Where the dashboard keeps its files and how many runs may wait; bound to the "Dashboard" section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Run store (SQLite), activation cache and thumbnails live here. Relative paths are under the content root (see <see cref="DataFolderResolution"/>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataFolder { get; set; } = DataFolderResolution.DefaultDataFolder;

    /// <summary>
    /// Where runs' resume points and checkpoints live, a folder every machine that trains runs sees at the same path
    /// (NFS on a cluster); empty: <see cref="DataFolder"/>, which is shared on one machine. Relative paths are under the content root.
    /// </summary>
    public string? SharedFolder { get; set; }

    /// <summary>Checkpoints saved by runs. Relative paths are under <see cref="SharedFolder"/>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelsFolder { get; set; } = "models";

    /// <summary>Folders whose sub-folders are offered as datasets (besides the built-in demo dataset).</summary>
    public List<string> DataRoots { get; set; } = [];

    /// <summary>Where datasets uploaded from the browser or the API are unpacked; a data root too. Relative paths are under <see cref="DataFolder"/>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string UploadRoot { get; set; } = "datasets";

    /// <summary>
    /// Disk the shrunk copies of large training images may take in the data folder's <c>resized</c> folder (fastai's
    /// <c>resize</c>, kept automatically: a camera photo trained at 224 px is decoded at full cost once); 0 keeps none.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long ResizeCacheMegabytes { get; set; } = Training.Data.ResizeCacheOptions.DefaultMaxMegabytes;

    /// <summary>Runs that may wait in the queue; a submission beyond this is refused.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 32;

    /// <summary>Where runs train: <c>inprocess</c> (a thread of the server), <c>process</c> (a child process in worker mode per run) or <c>slurm</c> (a Slurm job per run).</summary>
    [RegularExpression(Runs.Executors.ExecutorNames.Pattern, ErrorMessage = "Dashboard:Executor must be inprocess, process or slurm.")]
    public string Executor { get; set; } = Runs.Executors.ExecutorNames.Process;

    /// <summary>Seconds a stopping run may take to reach a batch boundary; a worker process still running then is killed.</summary>
    [Range(1, 3600)]
    public int StopGraceSeconds { get; set; } = 30;

    /// <summary>
    /// The address users open the dashboard at (<c>https://lab.example/</c>), for links sent out of it (webhooks); empty: the
    /// address it listens on.
    /// </summary>
    [Notifications.AbsoluteHttpUrl]
    public string? PublicUrl { get; set; }
}
