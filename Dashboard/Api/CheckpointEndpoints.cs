using Dashboard.Api.OpenApi;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Training.Learning;
using Dashboard.Training.Models.Onnx.Export;

namespace Dashboard.Api;

/// <summary>
/// A run's saved checkpoints (its own models folder, so runs never overwrite each other's names): the file itself, and
/// the classifier exported as ONNX.
/// </summary>
public static class CheckpointEndpoints
{
    public static IEndpointRouteBuilder MapCheckpointDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id}/models/{name}", Download).WithName("GetCheckpoint").WithTags("Models").WithSummary("A checkpoint the run saved.")
            .ProducesFile("application/octet-stream").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        app.MapGet("/api/runs/{id}/export.onnx", Export).WithName("ExportOnnx").WithTags("Models")
            .WithSummary("The classifier of a checkpoint (default: the run's latest) as one ONNX graph: input 'input' float32 NCHW RGB in [0, 1], output 'probabilities'.")
            .ProducesFile("application/octet-stream").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    public static string UrlFor(string runId, string name) => $"/api/runs/{Uri.EscapeDataString(runId)}/models/{Uri.EscapeDataString(name)}";

    public static string OnnxUrlFor(string runId, string name) => $"/api/runs/{Uri.EscapeDataString(runId)}/export.onnx?checkpoint={Uri.EscapeDataString(name)}";

    private static IResult Download(RunStore store, DashboardPaths paths, string id, string name)
    {
        if (store.Find(id) is null) return ApiProblems.RunNotFound(id);
        if (!Checkpoints.IsSafeName(name)) return ApiProblems.BadRequest($"'{name}' is not a checkpoint name.");
        var path = Checkpoints.PathFor(paths.ModelsFolderOf(id), name);
        return File.Exists(path)
            ? Results.File(path, "application/octet-stream", name + Checkpoints.Extension)
            : ApiProblems.NotFound($"Run {id} saved no checkpoint '{name}'.");
    }

    private static IResult Export(RunStore store, DashboardPaths paths, string id, string? checkpoint)
    {
        if (store.Find(id) is null) return ApiProblems.RunNotFound(id);
        if (checkpoint is not null && !Checkpoints.IsSafeName(checkpoint)) return ApiProblems.BadRequest($"'{checkpoint}' is not a checkpoint name.");
        var folder = paths.ModelsFolderOf(id);
        var path = checkpoint is null ? Inference.RunCheckpoint.Latest(folder) : Checkpoints.PathFor(folder, checkpoint);
        if (path is null) return ApiProblems.Conflict($"Run {id} has saved no checkpoint yet: add a save step (or saveBest) to its recipe.");
        if (!File.Exists(path)) return ApiProblems.NotFound($"Run {id} saved no checkpoint '{checkpoint}'.");
        try
        {
            using var saved = SavedClassifier.Open(path);
            var size = saved.Info.ImageSize ?? RecipeSize(store, id);
            var bytes = ClassifierOnnxExport.ToBytes(saved.Model, new ClassifierExportInfo(saved.Info.Classes, size, saved.Info.Architecture));
            return Results.File(bytes, "application/octet-stream", $"{Path.GetFileNameWithoutExtension(path)}.onnx");
        }
        catch (InvalidDataException e) { return ApiProblems.Conflict(e.Message); }
    }

    private static int RecipeSize(RunStore store, string id) =>
        Components.Runs.RecipeDigest.From(store.Find(id)!.RecipeJson)?.Size ?? throw new InvalidDataException($"run {id}'s recipe gives no image size");
}
