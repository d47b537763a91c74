using System.Text;
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
    private const string File = "batches.csv";

    public static IEndpointRouteBuilder MapBatchesCsv(this IEndpointRouteBuilder app)
    {
        app.MapRunCsv(File, (services, id) => Format(RunHistory.Effective(services.GetRequiredService<RunStore>().Events(id)).Select(e => e.Event).OfType<BatchEnded>()))
            .WithName("GetRunBatchesCsv")
            .WithSummary($"Per-batch training loss and learning rate (the last layer group's) of a run as CSV, header {Header}; counted from 1, each batch once.");
        return app;
    }

    public static string UrlFor(string runId) => CsvText.UrlFor(runId, File);

    public static string Format(IEnumerable<BatchEnded> batches)
    {
        var csv = new StringBuilder(Header).Append('\n');
        int iteration = 0;
        foreach (var b in batches) csv.Line(++iteration, b.FitIndex + 1, b.Epoch + 1, b.Iteration + 1, b.LearningRate, b.Loss);
        return csv.ToString();
    }
}
