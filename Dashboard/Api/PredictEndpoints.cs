using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Dashboard.Api.OpenApi;
using Dashboard.Auth;
using Dashboard.Inference;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Api;

/// <summary>
/// <c>POST /api/runs/{id}/predict</c>: classify uploaded images (multipart field <c>images</c>) or files inside the data
/// roots (a JSON list of paths) with one of the run's checkpoints, as validation preprocesses them, optionally with TTA.
/// </summary>
public static class PredictEndpoints
{
    public const string ImagesField = "images";

    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runs/{id}/predict", PredictAsync).WithName("PredictImages").WithTags("Models").DisableAntiforgery()
            .RequireAuthorization(Policies.CanPredict).AddOpenApiOperationTransformer(PredictRequestBody.DescribeAsync)
            .WithSummary("Classify images with a checkpoint of the run (default: its latest save, else its final weights): top 5 classes per image, optionally with TTA.")
            .Produces<IReadOnlyList<PredictedImage>>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> PredictAsync(RunPredictor predictor, PredictPaths allowed, ClaimsPrincipal user, HttpContext context, string id,
        string? checkpoint, bool? tta)
    {
        try
        {
            var model = predictor.Admit(UserKey(user, context), id, checkpoint);
            using var upload = new ImageUpload(predictor.Limits);
            var images = await ReadImagesAsync(context.Request, upload, allowed, predictor.Limits);
            return TypedResults.Ok(await predictor.PredictAsync(model, images, tta ?? false, heatMaps: false, context.RequestAborted));
        }
        catch (PredictionRefused refused) { return Problem(context, refused); }
    }

    /// <summary>The signed-in user's name; with sign-in off, the client's address.</summary>
    public static string UserKey(ClaimsPrincipal user, HttpContext context) =>
        user.Identity?.Name ?? "address " + context.Connection.RemoteIpAddress;

    private static async Task<IReadOnlyList<ImageToPredict>> ReadImagesAsync(HttpRequest request, ImageUpload upload, PredictPaths allowed, LimitsOptions limits)
    {
        if (request.HasFormContentType) return await ReadUploadAsync(request, upload, limits);
        if (request.HasJsonContentType()) return await ReadPathsAsync(request, allowed, limits);
        throw new PredictionRefused(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"Send images as multipart/form-data (field '{ImagesField}') or a JSON list of paths, not {(string.IsNullOrEmpty(request.ContentType) ? "a body without a Content-Type" : request.ContentType)}.");
    }

    private static async Task<IReadOnlyList<ImageToPredict>> ReadUploadAsync(HttpRequest request, ImageUpload upload, LimitsOptions limits)
    {
        if (request.ContentLength > limits.MaxUploadBytes) throw ImageUpload.UploadTooLarge(limits);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limits.MaxUploadBytes + 64 * 1024;
        IFormCollection form;
        try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxUploadBytes }, request.HttpContext.RequestAborted); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) { throw ImageUpload.UploadTooLarge(limits); }
        var files = form.Files.GetFiles(ImagesField);
        if (files.Count == 0) throw PredictionRefused.BadRequest($"The form has no file in the field '{ImagesField}'.");
        foreach (var file in files)
        {
            await using var content = file.OpenReadStream();
            await upload.AddAsync(Path.GetFileName(file.FileName), content, request.HttpContext.RequestAborted);
        }
        return upload.Images;
    }

    private static async Task<IReadOnlyList<ImageToPredict>> ReadPathsAsync(HttpRequest request, PredictPaths allowed, LimitsOptions limits)
    {
        string[] paths;
        try { paths = await JsonSerializer.DeserializeAsync<string[]>(request.Body, cancellationToken: request.HttpContext.RequestAborted) ?? []; }
        catch (JsonException e) { throw PredictionRefused.BadRequest($"The body must be a JSON list of file paths: {e.Message}"); }
        if (paths.Length == 0) throw PredictionRefused.BadRequest("The list of paths is empty.");
        if (paths.Length > limits.MaxImages) throw PredictionRefused.BadRequest($"Send at most {limits.MaxImages} images in one request (Dashboard:Limits:MaxImages).");
        return paths.Select((path, i) => allowed.Image($"$[{i.ToString(CultureInfo.InvariantCulture)}]", path, limits.MaxPixels)).ToArray();
    }

    private static IResult Problem(HttpContext context, PredictionRefused refused)
    {
        if (refused.RetryAfterSeconds is int wait) context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(refused.Message, statusCode: refused.Status, title: refused.Title);
    }
}
