using System.Text;
using Dashboard.Components.Runs;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Inference;

/// <summary>
/// The weights a prediction on a run uses: a checkpoint it saved by name, by default its latest save or else its final
/// weights (the resume point of its last epoch); refused when the run has none, or when the file holds another
/// architecture or class list than the run trains.
/// </summary>
public sealed record RunCheckpoint(string RunId, string Path, CheckpointInfo Info)
{
    public static RunCheckpoint Resolve(RunStore store, DashboardPaths paths, string runId, string? name)
    {
        var run = store.Find(runId) ?? throw PredictionRefused.NotFound($"There is no run '{runId}'.");
        var path = name is null ? Default(paths, runId) : Named(paths, runId, name);
        var info = ReadInfo(path);
        CheckMatches(run, store, info, System.IO.Path.GetFileName(path));
        return new RunCheckpoint(runId, path, info);
    }

    /// <summary>The newest checkpoint in the run's models folder, or null.</summary>
    public static string? Latest(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*" + Checkpoints.Extension).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
        : null;

    private static string Default(DashboardPaths paths, string runId)
    {
        if (Latest(paths.ModelsFolderOf(runId)) is { } saved) return saved;
        var final = new ResumeStore(paths.RunFolder(runId)).WeightsPath;
        return File.Exists(final) ? final
            : throw PredictionRefused.Conflict($"Run {runId} has no saved weights yet: it has saved no checkpoint and finished no epoch.");
    }

    private static string Named(DashboardPaths paths, string runId, string name)
    {
        if (!Checkpoints.IsSafeName(name)) throw PredictionRefused.BadRequest($"'{name}' is not a checkpoint name.");
        var path = Checkpoints.PathFor(paths.ModelsFolderOf(runId), name);
        return File.Exists(path) ? path : throw PredictionRefused.NotFound($"Run {runId} saved no checkpoint '{name}'.");
    }

    private static CheckpointInfo ReadInfo(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            return Checkpoints.ReadInfo(reader, path);
        }
        catch (InvalidDataException e) { throw PredictionRefused.Conflict(e.Message); }
    }

    private static void CheckMatches(RunSummary run, RunStore store, CheckpointInfo info, string file)
    {
        var architecture = RecipeDigest.From(run.RecipeJson)?.Arch;
        if (architecture is not null && architecture != info.Architecture)
            throw PredictionRefused.Conflict($"{file} holds {info.Architecture} weights; run {run.Id} trains {architecture}.");
        var classes = store.Events(run.Id).Select(e => e.Event).OfType<RunStarted>().FirstOrDefault()?.Classes;
        if (classes is not null && !classes.SequenceEqual(info.Classes))
            throw PredictionRefused.Conflict($"{file} was trained for classes [{string.Join(", ", info.Classes)}]; run {run.Id} has [{string.Join(", ", classes)}].");
    }
}
