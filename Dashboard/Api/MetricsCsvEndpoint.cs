using System.Globalization;
using System.Text;
using Dashboard.Api.OpenApi;
using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary>A run's per-epoch figures as CSV: epoch,fit,trainLoss,validLoss,accuracy,seconds.</summary>
public static class MetricsCsvEndpoint
{
    public const string Header = "epoch,fit,trainLoss,validLoss,accuracy,seconds";

    public static IEndpointRouteBuilder MapMetricsCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id}/metrics.csv", Csv).WithName("GetRunMetricsCsv").WithTags("Runs")
            .WithSummary($"Per-epoch metrics of a run as CSV, header {Header}.").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static string UrlFor(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/metrics.csv";

    public static string Format(RunMetrics metrics)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var e in metrics.Epochs)
            csv.Append(string.Join(',', new object[] { e.Epoch, e.FitIndex, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds }
                .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Append('\n');
        return csv.ToString();
    }

    private static IResult Csv(RunStore store, RunMetricsCache metrics, string id) =>
        store.Find(id) is null
            ? ApiProblems.RunNotFound(id)
            : Results.File(Encoding.UTF8.GetBytes(Format(metrics.For(id))), "text/csv", $"run-{id}-metrics.csv");
}
