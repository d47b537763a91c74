using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// The report as one JSON object: final accuracy (the last epoch's, as fastai prints it), TTA accuracy, accuracy after
/// each fit and seconds for each side (<c>ours…</c>, <c>pytorch…</c>, <c>oursBf16…</c> with <c>--with-bf16</c>), then the shared settings and the per-epoch figures.
/// </summary>
public static class AccuracyJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(AccuracyReport report) => Build(report).ToJsonString(Indented);

    public static JsonObject Build(AccuracyReport report)
    {
        var (ours, pytorch) = (report.Ours, report.Pytorch.Outcome);
        var json = new JsonObject
        {
            ["oursAccuracy"] = ours.Accuracy, ["pytorchAccuracy"] = pytorch.Accuracy,
            ["oursTtaAccuracy"] = ours.TtaAccuracy, ["pytorchTtaAccuracy"] = pytorch.TtaAccuracy,
            ["oursStageAccuracy"] = Numbers(ours.StageAccuracy), ["pytorchStageAccuracy"] = Numbers(pytorch.StageAccuracy),
            ["oursSeconds"] = ours.Seconds, ["pytorchSeconds"] = pytorch.Seconds,
            ["stages"] = new JsonArray(report.Stages.Select(stage => (JsonNode)stage).ToArray()),
            ["dataset"] = Path.GetFullPath(report.Options.DataFolder), ["trainImages"] = report.TrainImages, ["validImages"] = report.ValidImages,
            ["size"] = report.Options.Size, ["batchSize"] = report.Options.BatchSize, ["seed"] = report.Options.Seed,
            ["short"] = report.Options.Short, ["date"] = report.Date.ToString("O"), ["totalSeconds"] = report.TotalSeconds,
            ["featureMaxAbsDiff"] = report.Pytorch.Features.MaxAbsDifference, ["featureMaxAbs"] = report.Pytorch.Features.LargestFeature,
            ["featureProbeImages"] = report.Pytorch.Features.Images, ["bodyNormalisation"] = report.BodyNormalisation,
            ["oursWeightDecay"] = report.OursWeightDecay, ["pytorchWeightDecay"] = report.Pytorch.WeightDecay,
            ["threads"] = report.Threads.ComputeThreads, ["pytorchWorkers"] = report.Threads.DecodeThreads, ["pytorch"] = report.Pytorch.Versions,
            ["oursEpochs"] = Epochs(ours), ["pytorchEpochs"] = Epochs(pytorch),
            ["pytorchHeadLearningRates"] = new JsonArray(report.Pytorch.HeadLearningRates.Select(fit => (JsonNode)Numbers(fit)).ToArray()),
            ["recipe"] = JsonNode.Parse(report.RecipeJson),
        };
        if (report.OursBf16 is { } bf16)
        {
            json["oursBf16Accuracy"] = bf16.Accuracy;
            json["oursBf16TtaAccuracy"] = bf16.TtaAccuracy;
            json["oursBf16StageAccuracy"] = Numbers(bf16.StageAccuracy);
            json["oursBf16Seconds"] = bf16.Seconds;
            json["oursBf16Epochs"] = Epochs(bf16);
        }
        return json;
    }

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(value => (JsonNode)value).ToArray());

    private static JsonArray Epochs(LessonOutcome outcome) => new(outcome.Epochs.Select(e => (JsonNode)new JsonObject
    {
        ["fit"] = e.Fit, ["epoch"] = e.Epoch, ["trainLoss"] = e.TrainLoss, ["validLoss"] = e.ValidLoss, ["accuracy"] = e.Accuracy,
    }).ToArray());
}
