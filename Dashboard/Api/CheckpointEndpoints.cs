using Dashboard.Runs;
using Dashboard.Training.Learning;

namespace Dashboard.Api;

/// <summary>Downloads of saved checkpoints: ModelsFolder/{name}.ckpt, for names a recipe could have saved.</summary>
public static class CheckpointEndpoints
{
    public static IEndpointRouteBuilder MapCheckpointDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models/{name}", Download).WithTags("Models").WithSummary("A saved checkpoint file.");
        return app;
    }

    public static string UrlFor(string name) => $"/api/models/{Uri.EscapeDataString(name)}";

    private static IResult Download(DashboardPaths paths, string name)
    {
        if (!Checkpoints.IsSafeName(name)) return Results.BadRequest("not a checkpoint name");
        var path = Checkpoints.PathFor(paths.ModelsFolder, name);
        return File.Exists(path)
            ? Results.File(path, "application/octet-stream", name + Checkpoints.Extension)
            : Results.NotFound();
    }
}
