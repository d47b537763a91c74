using System.Globalization;
using System.Text;

namespace Dashboard.Bench.Accuracy;

/// <summary>The report as a Markdown table: accuracy after each fit, the final and TTA accuracy, seconds; then the settings.</summary>
public static class AccuracyTable
{
    public static string Format(AccuracyReport report)
    {
        var (ours, pytorch) = (report.Ours, report.Pytorch.Outcome);
        var text = new StringBuilder();
        Line(text, $"Accuracy parity, {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(report.Options.DataFolder)))} " +
            $"({report.TrainImages} train / {report.ValidImages} valid), {report.Options.Size} px, batch {report.Options.BatchSize}, " +
            $"seed {report.Options.Seed}{(report.Options.Short ? ", short form" : "")}; same pretrained body on both sides\n");
        var bf16 = report.OursBf16;
        Line(text, "| stage | ours | PyTorch (fastai 0.7 semantics) | ours − PyTorch |" + (bf16 is null ? "" : " ours bf16 | bf16 − fp32 |"));
        Line(text, "|---|---:|---:|---:|" + (bf16 is null ? "" : "---:|---:|"));
        var (oursStages, pytorchStages) = (ours.StageAccuracy, pytorch.StageAccuracy);
        for (int i = 0; i < report.Stages.Count; i++)
            Row(text, $"{i + 1}. {report.Stages[i]}", At(oursStages, i), At(pytorchStages, i), bf16, bf16 is null ? null : At(bf16.StageAccuracy, i));
        Row(text, "final (last epoch)", ours.Accuracy, pytorch.Accuracy, bf16, bf16?.Accuracy);
        Row(text, "TTA (4 augmented + plain)", ours.TtaAccuracy, pytorch.TtaAccuracy, bf16, bf16?.TtaAccuracy);
        Line(text, $"| seconds | {ours.Seconds:F0} | {pytorch.Seconds:F0} | |" + (bf16 is null ? "" : $" {bf16.Seconds:F0} | |"));
        var features = report.Pytorch.Features;
        Line(text, $"\nSame body: max |feature difference| {Figure(features.MaxAbsDifference, "G3")} on {features.Images} validation images " +
            $"(largest feature {Figure(features.LargestFeature, "G3")}); input {report.BodyNormalisation}.");
        Line(text, $"Weight decay: ours {Figure(report.OursWeightDecay, "G3")}, PyTorch {Figure(report.Pytorch.WeightDecay, "G3")} (fastai 0.7's fit(wds=None)). " +
            $"{report.Pytorch.Versions}, {report.Threads.ComputeThreads} threads, {report.Threads.DecodeThreads} loader worker(s); total {report.TotalSeconds:F0} s.");
        return text.ToString();
    }

    private static double? At(IReadOnlyList<double> values, int index) => index < values.Count ? values[index] : null;

    private static void Row(StringBuilder text, string stage, double? ours, double? pytorch, LessonOutcome? bf16Run, double? bf16) =>
        Line(text, $"| {stage} | {Percent(ours)} | {Percent(pytorch)} | {Difference(ours, pytorch)} |" + (bf16Run is null ? "" : $" {Percent(bf16)} | {Difference(bf16, ours)} |"));

    private static string Difference(double? a, double? b) =>
        a is double x && b is double y ? ((x - y) * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + " pt" : "";

    private static string Percent(double? value) => value is double v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a";

    private static string Figure(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
