using System.Security.Claims;
using Dashboard.Api.OpenApi;
using Dashboard.Auth;
using Dashboard.Datasets;
using Dashboard.Datasets.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>
/// <c>GET /api/datasets</c> (the catalog), <c>POST /api/datasets?name=NAME</c> (a .zip of class folders in the multipart
/// field <c>file</c>) and <c>DELETE /api/datasets/{name}</c> (an uploaded dataset, by its owner or an admin).
/// </summary>
public static class DatasetEndpoints
{
    public const string FileField = "file";

    public static IServiceCollection AddDatasetUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatasetUploadOptions>().Bind(configuration.GetSection(DatasetUploadOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DatasetUploads>();
        return services;
    }

    public static IEndpointRouteBuilder MapDatasetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets").DisableAntiforgery().RequireAuthorization(Policies.CanWatch);
        api.MapGet("", (DatasetCatalog catalog) => TypedResults.Ok(catalog.List())).WithName("ListDatasets")
            .WithSummary("Every dataset recipes may name: the demo, the data roots' datasets and the uploaded ones (with their owner).");
        api.MapPost("", UploadAsync).WithName("UploadDataset").AddOpenApiOperationTransformer(DatasetUploadBody.DescribeAsync)
            .WithSummary("Upload a .zip of train/<class>/ and valid/<class>/ image folders as a new dataset; a refused archive lists every rejected entry and keeps nothing.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.CanTrain);
        api.MapDelete("/{name}", Delete).WithName("DeleteDataset").WithSummary("Delete an uploaded dataset (its owner or an admin; built-in datasets cannot be deleted).")
            .ProducesProblems(StatusCodes.Status404NotFound).RequireAuthorization(Policies.CanTrain);
        return app;
    }

    private static async Task<Results<Created<DatasetEntry>, ProblemHttpResult>> UploadAsync(DatasetUploads uploads, ClaimsPrincipal user, HttpRequest request, string? name)
    {
        try
        {
            var file = await ReadArchiveAsync(request, uploads.Limits);
            await using var archive = file.OpenReadStream();
            var entry = uploads.Add(name, archive, user.Identity?.Name ?? "");
            return TypedResults.Created($"/api/datasets/{entry.Name}", entry);
        }
        catch (UploadRefused refused)
        {
            return TypedResults.Problem(refused.Message, statusCode: refused.Status, title: refused.Title,
                extensions: new Dictionary<string, object?> { ["rejected"] = refused.Rejected });
        }
    }

    private static async Task<IFormFile> ReadArchiveAsync(HttpRequest request, DatasetUploadOptions limits)
    {
        if (!request.HasFormContentType)
            throw new UploadRefused(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the .zip as multipart/form-data in the field '{FileField}'.");
        if (request.ContentLength > limits.MaxArchiveBytes) throw ArchiveTooLarge(limits);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limits.MaxArchiveBytes + 64 * 1024;
        IFormCollection form;
        try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxArchiveBytes }, request.HttpContext.RequestAborted); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) { throw ArchiveTooLarge(limits); }
        return form.Files.GetFile(FileField) ?? throw new UploadRefused(StatusCodes.Status400BadRequest, "Bad request", $"The form has no file in the field '{FileField}'.");
    }

    private static UploadRefused ArchiveTooLarge(DatasetUploadOptions limits) =>
        UploadRefused.TooLarge($"The archive is larger than {limits.MaxArchiveMB} MB (Dashboard:Datasets:MaxArchiveMB).");

    private static Results<NoContent, ForbidHttpResult, ProblemHttpResult> Delete(DatasetUploads uploads, ClaimsPrincipal user, string name) =>
        uploads.Delete(name, user) switch
        {
            DatasetDeletion.Deleted => TypedResults.NoContent(),
            DatasetDeletion.Forbidden => TypedResults.Forbid(),
            _ => ApiProblems.NotFound($"There is no uploaded dataset '{name}'."),
        };
}
