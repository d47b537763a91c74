using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Datasets;

namespace Dashboard.Inference;

/// <summary>
/// The page's heat-map images (not part of the API): an uploaded image's, kept briefly by key, and a dataset file's
/// (a top-losses tile), computed on request with the run's default weights for the class asked.
/// </summary>
public static class HeatMapEndpoints
{
    public const string Prefix = "/predictions";

    public static IEndpointRouteBuilder MapHeatMaps(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Prefix).RequireAuthorization(Policies.CanPredict).ExcludeFromDescription();
        pages.MapGet("/heatmaps/{key}.png", (HeatMapImages images, string key) =>
            images.Find(key) is { } png ? Results.File(png, "image/png") : Results.NotFound());
        pages.MapGet("/runs/{id}/heatmap.png", FileHeatMapAsync);
        return app;
    }

    public static string FileUrl(string runId, string path, string label) =>
        $"{Prefix}/runs/{Uri.EscapeDataString(runId)}/heatmap.png?path={Uri.EscapeDataString(path)}&label={Uri.EscapeDataString(label)}";

    private static async Task<IResult> FileHeatMapAsync(RunPredictor predictor, DatasetCatalog catalog, ClaimsPrincipal user, HttpContext context,
        string id, string path, string label)
    {
        if (!catalog.MayServe(path)) return Results.NotFound();
        try
        {
            var model = predictor.Admit(Api.PredictEndpoints.UserKey(user, context), id, null);
            return Results.File(await predictor.HeatMapAsync(model, path, label, context.RequestAborted), "image/png");
        }
        catch (PredictionRefused refused) { return Results.Problem(refused.Message, statusCode: refused.Status, title: refused.Title); }
    }
}
