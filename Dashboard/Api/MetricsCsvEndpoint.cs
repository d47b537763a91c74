using System.Text;
using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary>A run's per-epoch figures as CSV: epoch,fit,trainLoss,validLoss,accuracy,seconds; epochs and fits counted from 1.</summary>
public static class MetricsCsvEndpoint
{
    public const string Header = "epoch,fit,trainLoss,validLoss,accuracy,seconds";
    private const string File = "metrics.csv";

    public static IEndpointRouteBuilder MapMetricsCsv(this IEndpointRouteBuilder app)
    {
        app.MapRunCsv(File, (services, id) => Format(services.GetRequiredService<RunMetricsCache>().For(id))).WithName("GetRunMetricsCsv")
            .WithSummary($"Per-epoch metrics of a run as CSV, header {Header}; epochs and fits counted from 1, each epoch once (a resume's superseded epochs left out).");
        return app;
    }

    public static string UrlFor(string runId) => CsvText.UrlFor(runId, File);

    public static string Format(RunMetrics metrics)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var e in metrics.Epochs) csv.Line(e.Epoch + 1, e.FitIndex + 1, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds);
        return csv.ToString();
    }
}
