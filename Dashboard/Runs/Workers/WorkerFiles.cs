using Dashboard.Configuration;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs.Workers;

/// <summary>
/// The run files a worker without the shared folder uploads and downloads: its checkpoints (kind <c>checkpoint</c>,
/// named as its <c>save</c> steps name them) and its resume point (kind <c>resume</c>, the two files of <see cref="ResumeStore"/>).
/// </summary>
public static class WorkerFiles
{
    public const string Checkpoint = "checkpoint";
    public const string Resume = "resume";

    public static readonly IReadOnlyList<string> ResumeNames = [ResumeStore.WeightsFile, ResumeStore.RecordFile];

    /// <summary>Why <paramref name="kind"/>/<paramref name="name"/> is not a run file, or null when it is one.</summary>
    public static string? Problem(string kind, string name) => kind switch
    {
        Checkpoint => Checkpoints.IsSafeName(name) ? null : $"'{name}' is not a checkpoint name: 1-100 letters, digits, '_', '-' or '.', not starting with '.'.",
        Resume => ResumeNames.Contains(name) ? null : $"'{name}' is not a resume point file: {string.Join(" or ", ResumeNames)}.",
        _ => $"'{kind}' is not a kind of run file: {Checkpoint} or {Resume}.",
    };

    /// <summary>Where the file is under <paramref name="paths"/> (the server's, or a worker's scratch folder); the name must have passed <see cref="Problem"/>.</summary>
    public static string PathOf(DashboardPaths paths, string runId, string kind, string name) =>
        kind == Checkpoint ? Checkpoints.PathFor(paths.ModelsFolderOf(runId), name) : Path.Combine(paths.RunFolder(runId), name);
}
