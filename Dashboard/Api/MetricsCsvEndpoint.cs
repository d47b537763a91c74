using System.Text;
using Dashboard.Api.OpenApi;
using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary>A run's per-epoch figures as CSV: epoch,fit,trainLoss,validLoss,accuracy,seconds; epochs and fits counted from 1.</summary>
public static class MetricsCsvEndpoint
{
    public const string Header = "epoch,fit,trainLoss,validLoss,accuracy,seconds";

    public static IEndpointRouteBuilder MapMetricsCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id}/metrics.csv", Csv).WithName("GetRunMetricsCsv").WithTags("Runs")
            .WithSummary($"Per-epoch metrics of a run as CSV, header {Header}; epochs and fits counted from 1, each epoch once (a resume's superseded epochs left out).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static string UrlFor(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/metrics.csv";

    public static string Format(RunMetrics metrics)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var e in metrics.Epochs) csv.Line(e.Epoch + 1, e.FitIndex + 1, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds);
        return csv.ToString();
    }

    private static IResult Csv(RunStore store, RunMetricsCache metrics, string id) =>
        store.Find(id) is null ? ApiProblems.RunNotFound(id) : CsvText.File(Format(metrics.For(id)), $"run-{id}-metrics.csv");
}
