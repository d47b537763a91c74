using Dashboard.Api.OpenApi;
using Dashboard.Datasets;
using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Api;

/// <summary>
/// Images by URL, so pages never push pixels through the circuit: dataset items, augmented previews, and
/// top-loss files. Only the demo and datasets under the configured data roots can be reached.
/// </summary>
public static class DatasetImageEndpoints
{
    private const string Png = "image/png";

    public static IEndpointRouteBuilder MapDatasetImages(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Images");
        api.MapGet("/datasets/image", Item).WithName("GetDatasetImage").WithSummary("One dataset image as PNG, shrunk to fit size pixels.").Answers();
        api.MapGet("/datasets/augment", Augmented).WithName("GetAugmentedDatasetImage").WithSummary("The k-th of n augmented copies of a dataset image, as PNG.").Answers();
        api.MapGet("/images/file", File).WithName("GetImageFile").WithSummary("An image file inside a data root or the demo folder, as PNG.").Answers();
        return app;
    }

    private static RouteHandlerBuilder Answers(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesFile(Png).ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    private static IResult Item(DatasetCatalog catalog, string dataset, string? split, int index, int? size)
    {
        var (item, problem) = Find(catalog, dataset, split, index);
        return item is null ? problem! : Image(() => Thumbnails.Png(item.Source, Thumbnails.ClampSize(size)));
    }

    private static IResult Augmented(DatasetCatalog catalog, Thumbnails thumbnails, string dataset, string? split, int index,
        string? preset, double? maxZoom, int? seed, int? k, int? n, int? size)
    {
        int count = n ?? 8;
        if (count is < 1 or > AugmentationPreview.MaxCount) return ApiProblems.BadRequest($"n must be between 1 and {AugmentationPreview.MaxCount}.");
        if (k is not { } copy || copy < 0 || copy >= count) return ApiProblems.BadRequest("k must be between 0 and n - 1.");
        AugmentationOptions options;
        try
        {
            options = AugmentationOptions.FromName(preset ?? AugmentationPresetNames.SideOn, maxZoom ?? AugmentationOptions.DefaultMaxZoom);
            options.Validate();
        }
        catch (ArgumentException e) { return ApiProblems.BadRequest(e.Message); }
        var (item, problem) = Find(catalog, dataset, split ?? "train", index);
        if (item is null) return problem!;
        var request = new PreviewRequest(dataset, split ?? "train", index, options.Name, options.MaxZoom, seed ?? 0, count, Thumbnails.ClampSize(size));
        return Image(() => thumbnails.Augmented(request, item.Source, copy));
    }

    private static IResult File(DatasetCatalog catalog, string path, int? size) =>
        catalog.MayServe(path) ? Image(() => Thumbnails.Png(new FileImageSource(Path.GetFullPath(path)), Thumbnails.ClampSize(size)))
            : ApiProblems.NotFound("There is no such image inside a data root or the demo folder.");

    private static (DataItem? Item, IResult? Problem) Find(DatasetCatalog catalog, string dataset, string? split, int index)
    {
        if (catalog.Find(dataset) is not { } entry) return (null, ApiProblems.NotFound($"There is no dataset '{dataset}'."));
        DataBunch bunch;
        try { bunch = catalog.Open(entry); }
        catch (DatasetException e) { return (null, ApiProblems.NotFound(e.Message)); }
        var items = (split ?? "valid") switch
        {
            "train" => bunch.Train,
            "valid" => bunch.Valid,
            "test" => bunch.Test ?? [],
            _ => null,
        };
        if (items is null) return (null, ApiProblems.BadRequest("split must be train, valid or test."));
        return index >= 0 && index < items.Count ? (items[index], null) : (null, ApiProblems.NotFound($"The {split ?? "valid"} split has no image {index}."));
    }

    private static IResult Image(Func<byte[]> render)
    {
        try { return Results.Bytes(render(), Png); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageDecodeException)
        {
            return ApiProblems.NotFound("The image could not be read.");
        }
    }
}
