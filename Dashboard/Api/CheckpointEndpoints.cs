using Dashboard.Api.OpenApi;
using Dashboard.Runs;
using Dashboard.Training.Learning;

namespace Dashboard.Api;

/// <summary>Downloads of saved checkpoints: ModelsFolder/{name}.ckpt, for names a recipe could have saved.</summary>
public static class CheckpointEndpoints
{
    public static IEndpointRouteBuilder MapCheckpointDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models/{name}", Download).WithName("GetCheckpoint").WithTags("Models").WithSummary("A saved checkpoint file.")
            .ProducesFile("application/octet-stream").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    public static string UrlFor(string name) => $"/api/models/{Uri.EscapeDataString(name)}";

    private static IResult Download(DashboardPaths paths, string name)
    {
        if (!Checkpoints.IsSafeName(name)) return ApiProblems.BadRequest($"'{name}' is not a checkpoint name.");
        var path = Checkpoints.PathFor(paths.ModelsFolder, name);
        return File.Exists(path)
            ? Results.File(path, "application/octet-stream", name + Checkpoints.Extension)
            : ApiProblems.NotFound($"There is no checkpoint '{name}'.");
    }
}
