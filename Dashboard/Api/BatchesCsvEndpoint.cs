using System.Text;
using Dashboard.Api.OpenApi;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Api;

/// <summary>
/// A run's training batches as CSV: iteration (across all fits, the loss chart's x), fit, epoch, iteration within the fit,
/// the head's learning rate and the loss; all counted from 1, each batch once (a resume's superseded batches left out).
/// </summary>
public static class BatchesCsvEndpoint
{
    public const string Header = "iteration,fit,epoch,fitIteration,learningRate,loss";

    public static IEndpointRouteBuilder MapBatchesCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id}/batches.csv", Csv).WithName("GetRunBatchesCsv").WithTags("Runs")
            .WithSummary($"Per-batch training loss and learning rate (the last layer group's) of a run as CSV, header {Header}; counted from 1, each batch once.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static string UrlFor(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/batches.csv";

    public static string Format(IEnumerable<BatchEnded> batches)
    {
        var csv = new StringBuilder(Header).Append('\n');
        int iteration = 0;
        foreach (var b in batches) csv.Line(++iteration, b.FitIndex + 1, b.Epoch + 1, b.Iteration + 1, b.LearningRate, b.Loss);
        return csv.ToString();
    }

    private static IResult Csv(RunStore store, string id) => store.Find(id) is null
        ? ApiProblems.RunNotFound(id)
        : CsvText.File(Format(RunHistory.Effective(store.Events(id)).Select(e => e.Event).OfType<BatchEnded>()), $"run-{id}-batches.csv");
}
