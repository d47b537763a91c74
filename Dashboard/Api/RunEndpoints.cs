using System.Security.Claims;
using Dashboard.Api.OpenApi;
using Dashboard.Auth;
using Dashboard.Runs;
using Dashboard.Runs.Listing;
using Dashboard.Runs.Slurm;
using Microsoft.Extensions.Options;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>REST API for a lab's scripts: submit, list, inspect and stop runs.</summary>
public static class RunEndpoints
{
    public sealed record SubmittedRun(string Id, string Status);
    /// <param name="Slurm">The run's last Slurm job, its state and reason (<c>slurm</c> executor); null for a run that had none.</param>
    public sealed record RunDetails(RunSummary Run, RunMetrics Metrics, SlurmJobStatus? Slurm = null)
    {
        public string Id => Run.Id;
        public string Status => Run.Status;
    }

    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/runs").WithTags("Runs").DisableAntiforgery().RequireAuthorization(Policies.CanWatch);
        api.MapPost("", Submit).WithName("SubmitRun").AddOpenApiOperationTransformer(RecipeRequestBody.DescribeAsync)
            .WithSummary("Submit a recipe (JSON; comments and trailing commas allowed, as in recipe files); answers the new run's id.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(Policies.CanTrain);
        api.MapGet("", ListRuns).WithName("ListRuns")
            .WithSummary("One page of runs (newest first unless sorted), searched by name, tag or dataset, filtered by status and owner, with the count that match.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        api.MapGet("/{id}", Details).WithName("GetRun").WithSummary("One run with its status and metrics.").ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/events", Events).WithName("ListRunEvents")
            .WithSummary("A run's stored events after a sequence number.").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/{id}/thumbnails/{sequence:long}/{index:int}.png", Thumbnail).WithName("GetRunThumbnail")
            .WithSummary("One augmented training thumbnail of a ThumbnailsCaptured event.").ProducesFile("image/png").ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/stop", Stop).WithName("StopRun").WithSummary("Stop a running or queued run.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(Policies.CanTrain);
        api.MapPost("/{id}/resume", Resume).WithName("ResumeRun").WithSummary("Continue an interrupted, stopped or failed run from its last epoch.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(Policies.CanTrain);
        api.MapPut("/{id}/annotations", Annotate).WithName("AnnotateRun").WithSummary("Replace a run's tags and note (its owner or an admin).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).RequireAuthorization(Policies.CanTrain);
        api.MapDelete("/{id}", Delete).WithName("DeleteRun")
            .WithSummary("Delete an ended run with its events, thumbnails, checkpoints and resume points (its owner or an admin).")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(Policies.CanTrain);
        return app;
    }

    /// <summary>The body of <c>PUT /api/runs/{id}/annotations</c>: every tag and the note, replacing the old ones (null clears).</summary>
    public sealed record AnnotationsRequest(IReadOnlyList<string?>? Tags, string? Note);

    private static Results<Ok<RunList>, ProblemHttpResult> ListRuns(RunStore store, int? skip, int? take, string? search, string? status, string? owner,
        string? sort, string? direction)
    {
        var (query, error) = RunList.Query(search, status, owner, sort, direction);
        return query is null ? ApiProblems.BadRequest(error!) : TypedResults.Ok(RunList.Read(store, query, skip, take));
    }

    private static Results<Ok<RunList.Item>, ForbidHttpResult, ProblemHttpResult> Annotate(RunEdits edits, RunStore store, ClaimsPrincipal user, string id,
        AnnotationsRequest annotations) =>
        edits.Annotate(id, user, annotations.Tags, annotations.Note) switch
        {
            (RunEditOutcome.Done, _) => TypedResults.Ok(RunList.Item.From(store.Find(id)!)),
            (RunEditOutcome.Forbidden, _) => TypedResults.Forbid(),
            (RunEditOutcome.Invalid, var error) => ApiProblems.BadRequest(error!),
            _ => ApiProblems.RunNotFound(id),
        };

    private static Results<NoContent, ForbidHttpResult, ProblemHttpResult> Delete(RunEdits edits, ClaimsPrincipal user, string id) => edits.Delete(id, user) switch
    {
        RunEditOutcome.Done => TypedResults.NoContent(),
        RunEditOutcome.Forbidden => TypedResults.Forbid(),
        RunEditOutcome.Active => ApiProblems.Conflict("The run is queued or running: stop it first."),
        _ => ApiProblems.RunNotFound(id),
    };

    /// <summary>
    /// Reads a JSON body as text, so the recipe parser (the one the CLI and the form use) is the only JSON reader; another
    /// media type is 415, a body over Kestrel's request limit 413.
    /// </summary>
    private static async Task<Results<Created<SubmittedRun>, ProblemHttpResult, QueueFullProblem>> Submit(RunQueue queue, ClaimsPrincipal user, HttpRequest request, string? name)
    {
        if (!request.HasJsonContentType()) return ApiProblems.NotJson(request.ContentType);
        using var body = new StreamReader(request.Body);
        var recipe = await body.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            var run = queue.Submit(recipe, name, user.Identity?.Name);
            return TypedResults.Created($"/api/runs/{run.Id}", new SubmittedRun(run.Id, run.Status));
        }
        catch (RecipeException e) { return ApiProblems.InvalidRecipe(e); }
        catch (QueueFullException e) { return new QueueFullProblem(e); }
    }

    private static async Task<Results<Ok<RunDetails>, ProblemHttpResult>> Details(RunStore store, RunMetricsCache metrics, SlurmJobs jobs, string id,
        CancellationToken cancellation) =>
        store.Find(id) is { } run ? TypedResults.Ok(new RunDetails(run, metrics.For(id), await jobs.StatusAsync(id, cancellation))) : ApiProblems.RunNotFound(id);

    private static Results<Ok<IReadOnlyList<RunEvent>>, ProblemHttpResult> Events(RunStore store, string id, long? after) =>
        store.Find(id) is null ? ApiProblems.RunNotFound(id) : TypedResults.Ok(store.Events(id, after ?? 0));

    private static Results<FileContentHttpResult, ProblemHttpResult> Thumbnail(RunStore store, string id, long sequence, int index)
    {
        if (store.Find(id) is null) return ApiProblems.RunNotFound(id);
        return store.Thumbnail(id, sequence, index) is { } png
            ? TypedResults.File(png, "image/png") : ApiProblems.NotFound($"Run '{id}' has no thumbnail {index} at event {sequence}.");
    }

    private static Results<Accepted, ForbidHttpResult, ProblemHttpResult, QueueFullProblem> Resume(RunCommands commands, ClaimsPrincipal user, string id)
    {
        try
        {
            return commands.Resume(id, user) switch
            {
                RunCommandOutcome.Done => TypedResults.Accepted($"/api/runs/{id}"),
                RunCommandOutcome.Forbidden => TypedResults.Forbid(),
                RunCommandOutcome.NotFound => ApiProblems.RunNotFound(id),
                _ => ApiProblems.Conflict("Only an interrupted, stopped or failed run can be resumed."),
            };
        }
        catch (QueueFullException e) { return new QueueFullProblem(e); }
    }

    private static Results<Accepted, ForbidHttpResult, ProblemHttpResult> Stop(RunCommands commands, ClaimsPrincipal user, string id) => commands.Stop(id, user) switch
    {
        RunCommandOutcome.Done => TypedResults.Accepted($"/api/runs/{id}"),
        RunCommandOutcome.Forbidden => TypedResults.Forbid(),
        RunCommandOutcome.NotFound => ApiProblems.RunNotFound(id),
        _ => ApiProblems.Conflict("The run is not queued or running."),
    };
}
