using Dashboard.Runs.Workers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>
/// The channel worker processes use (<see cref="WorkerProtocol"/>): read the assignment, post numbered event batches
/// (each number stored once; the reply says whether to stop), post the end, and move its files (<see cref="WorkerFileEndpoints"/>). Not for users: a run's worker token, which
/// only the executor that started the worker knows, is the only credential, and only while the run's channel is open.
/// </summary>
public static class WorkerEndpoints
{
    public static IEndpointRouteBuilder MapWorkerApi(this IEndpointRouteBuilder app)
    {
        var worker = app.MapGroup("/api/worker/runs/{id}").WithTags("Worker").DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        worker.MapGet("/", Assignment);
        worker.MapPost("/events", Events);
        worker.MapPost("/end", End);
        worker.MapWorkerFiles();
        return app;
    }

    private static Results<Ok<WorkerAssignment>, ProblemHttpResult> Assignment(WorkerChannels channels, HttpRequest request, string id)
    {
        if (Refusal(channels, request, id) is { } refusal) return refusal;
        return channels.Assignment(id) is { } assignment ? TypedResults.Ok(assignment) : NotRunning(id);
    }

    private static Results<Ok<WorkerBatchReply>, ProblemHttpResult> Events(WorkerChannels channels, HttpRequest request, string id, WorkerBatch batch)
    {
        if (Refusal(channels, request, id) is { } refusal) return refusal;
        return channels.Accept(id, batch) is { } reply ? TypedResults.Ok(reply) : NotRunning(id);
    }

    private static Results<NoContent, ProblemHttpResult> End(WorkerChannels channels, HttpRequest request, string id, WorkerEnd end)
    {
        if (Refusal(channels, request, id) is { } refusal) return refusal;
        return channels.Finish(id, end) ? TypedResults.NoContent()
            : ApiProblems.Conflict($"Run '{id}' is not running, or events up to {end.LastSequence} have not all been stored.");
    }

    /// <summary>
    /// Why the request may not use the run's channel (no token: 401 with a <c>Worker</c> challenge; another run's token:
    /// 403; an unknown or ended run), or null when it may.
    /// </summary>
    internal static ProblemHttpResult? Refusal(WorkerChannels channels, HttpRequest request, string id)
    {
        if (Token(request) is not { Length: > 0 } token)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = WorkerProtocol.Scheme;
            return TypedResults.Problem($"The worker channel needs the run's worker token: 'Authorization: {WorkerProtocol.Scheme} TOKEN'.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Worker token required");
        }
        return channels.Authorize(id, token) switch
        {
            WorkerAccess.Allowed => null,
            WorkerAccess.UnknownRun => ApiProblems.RunNotFound(id),
            WorkerAccess.NotRunning => NotRunning(id),
            _ => TypedResults.Problem($"This worker token is not run '{id}''s.", statusCode: StatusCodes.Status403Forbidden, title: "Wrong worker token"),
        };
    }

    private static ProblemHttpResult NotRunning(string id) => ApiProblems.Conflict($"Run '{id}' has no running worker: it ended, or was never started by a worker.");

    private static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var prefix = WorkerProtocol.Scheme + " ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}
