using Dashboard.Configuration;
using Dashboard.Runs.Workers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

/// <summary>
/// A run's checkpoints and resume point through the worker channel, for workers without the shared folder
/// (<see cref="WorkerFilesOptions"/>): PUT stores one in the run's folders on the server (temporary file, then rename, so
/// a cut-off upload leaves the previous file), GET returns it. Same token and run state checks as the other worker calls.
/// </summary>
public static class WorkerFileEndpoints
{
    public static RouteGroupBuilder MapWorkerFiles(this RouteGroupBuilder worker)
    {
        worker.MapPut("/files/{kind}/{name}", UploadAsync);
        worker.MapGet("/files/{kind}/{name}", Download);
        return worker;
    }

    private static async Task<IResult> UploadAsync(WorkerChannels channels, DashboardPaths paths, IOptions<WorkerFilesOptions> options, HttpRequest request,
        string id, string kind, string name)
    {
        if (Refusal(channels, request, id, kind, name) is { } refusal) return refusal;
        long limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit) return TooLarge(options.Value);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limit;
        try { await WriteAtomicallyAsync(WorkerFiles.PathOf(paths, id, kind, name), request.Body, request.HttpContext.RequestAborted); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(options.Value); }
        return TypedResults.NoContent();
    }

    private static IResult Download(WorkerChannels channels, DashboardPaths paths, HttpRequest request, string id, string kind, string name)
    {
        if (Refusal(channels, request, id, kind, name) is { } refusal) return refusal;
        var path = WorkerFiles.PathOf(paths, id, kind, name);
        return File.Exists(path) ? Results.File(path, "application/octet-stream") : ApiProblems.NotFound($"Run {id} has no {kind} file '{name}' on the server.");
    }

    private static IResult? Refusal(WorkerChannels channels, HttpRequest request, string id, string kind, string name) =>
        WorkerEndpoints.Refusal(channels, request, id) ?? (WorkerFiles.Problem(kind, name) is { } problem ? ApiProblems.BadRequest(problem) : null);

    private static IResult TooLarge(WorkerFilesOptions options) =>
        TypedResults.Problem($"The file is larger than {options.MaxUploadMegabytes} MB ({WorkerFilesOptions.SectionName}:MaxUploadMegabytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");

    private static async Task WriteAtomicallyAsync(string path, Stream body, CancellationToken cancellation)
    {
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(path)!).FullName;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.upload");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await body.CopyToAsync(file, cancellation);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally { File.Delete(temporary); }
    }
}
