using System.Globalization;
using System.Text;
using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>The report as Markdown tables, ready to paste into the README.</summary>
public static class BenchTable
{
    private const string Unavailable = "unavailable";

    public static string Format(BenchReport report)
    {
        var text = new StringBuilder();
        Throughput(text, report);
        Precompute(text, report);
        Compute(text, report);
        var environment = report.Environment;
        Line(text, $"\nTraining environment {ProcessEnvironment.Describe()}: ours {(environment.TrainingEnvironmentAtStart ? "on" : "OFF (run it with dotnet run, or set the variables)")}; " +
            "PyTorch measured both without them (as a notebook runs) and with them.");
        Line(text, $"{(report.Short ? "Short" : "Full")} run, {report.Seconds:F0} s; .NET {environment.Dotnet}, TorchSharp {environment.TorchSharp}; " +
            $"PyTorch: {environment.Pytorch ?? Unavailable}; load average {Load(environment.LoadAverageStart)} at start, {Load(environment.LoadAverageEnd)} at end.");
        return text.ToString();
    }

    private static void Throughput(StringBuilder text, BenchReport report)
    {
        var (options, threads) = (report.Options, report.Environment.Threads);
        Line(text, $"Training throughput, {options.Architecture} unfrozen, batch {options.BatchSize}, {options.Augmentation} from " +
            $"{options.ImageWidth}×{options.ImageHeight} JPEGs, {threads.Cores} cores: ours = libtorch {threads.ComputeThreads} threads + " +
            $"{threads.DecodeThreads} decode thread(s); PyTorch = set_num_threads({threads.ComputeThreads}) + {threads.DecodeThreads} DataLoader worker(s)\n");
        Line(text, "| size | ours img/s | PyTorch img/s | ours ÷ PyTorch | PyTorch, our environment | ours ÷ that | ours CPU ms/img | PyTorch CPU ms/img |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in report.Sizes)
        {
            var (ours, pytorch, sameSettings) = (size.Ours.Pipeline, size.Pytorch.Figures, size.PytorchSameSettings.Figures);
            Line(text, $"| {size.Size} px | {ours.ImagesPerSecond:F1} | {Figure(pytorch?.ImagesPerSecond, "F1")} | {Figure(size.Ratio, "F2", "null")} " +
                $"| {Figure(sameSettings?.ImagesPerSecond, "F1")} | {Figure(size.RatioSameSettings, "F2", "null")} " +
                $"| {ours.CpuMillisecondsPerImage:F0} | {Figure(pytorch?.CpuMillisecondsPerImage, "F0")} |");
        }
        foreach (var size in report.Sizes.Where(size => size.Pytorch.Unavailable is not null))
            Line(text, $"\nPyTorch at {size.Size} px unavailable: {size.Pytorch.Unavailable}");
        Breakdown(text, report);
        Bf16(text, report);
    }

    private static void Bf16(StringBuilder text, BenchReport report)
    {
        if (report.Sizes.All(size => size.Bf16 is null)) return;
        Line(text, "\nbf16 (ours: LearnerOptions.Precision = bf16; PyTorch: forward and loss under torch.autocast('cpu', dtype=torch.bfloat16), our environment), same files, batch and threads\n");
        Line(text, "| size | ours bf16 img/s | ours bf16 ÷ fp32 | ours bf16 compute alone | PyTorch bf16 img/s | PyTorch bf16 ÷ fp32 | ours ÷ PyTorch, bf16 |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in report.Sizes.Where(size => size.Bf16 is not null))
        {
            var bf16 = size.Bf16!;
            Line(text, $"| {size.Size} px | {bf16.Ours.ImagesPerSecond:F1} | {Figure(size.Bf16SpeedupOurs, "F2")} | {bf16.OursComputeOnlyImagesPerSecond:F1} img/s " +
                $"| {Figure(bf16.Pytorch.Figures?.ImagesPerSecond, "F1")} | {Figure(size.Bf16SpeedupPytorch, "F2", "null")} | {Figure(bf16.Ratio, "F2", "null")} |");
        }
    }

    private static void Breakdown(StringBuilder text, BenchReport report)
    {
        Line(text, "\n| size | ours compute alone | ours loader alone | pipeline ÷ compute alone | ours data wait | PyTorch data wait | ours managed alloc/batch | ours train GFLOP/s |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in report.Sizes)
        {
            var (ours, pytorch) = (size.Ours.Pipeline, size.Pytorch.Figures);
            Line(text, $"| {size.Size} px | {size.Ours.ComputeOnlyImagesPerSecond:F1} img/s | {size.Ours.DecodeOnlyImagesPerSecond:F0} img/s " +
                $"| {Efficiency(size.Ours)} | {ours.DataWaitFraction:P1} | {Figure(pytorch?.DataWaitFraction, "P1")} " +
                $"| {ours.AllocatedKilobytesPerBatch:F0} KB | {report.TrainGflops(size):F1} |");
        }
        var options = report.Options;
        Line(text, $"\nPipeline ÷ compute alone: the two fits take turns on the same cores, {options.EfficiencyRounds} round(s) of pipeline, compute alone, " +
            $"compute alone, pipeline ({options.EfficiencySlotBatches} timed batch(es) a slot, {options.TurnLeadInBatches} untimed at each switch), " +
            "all pooled; ± is the standard error from the rounds' spread. " +
            (options.ResizeCache
                ? "Our loader reads through the resize cache, as the dashboard does, its copies made by an untimed pass first (as precompute makes them): " +
                  string.Join(", ", report.Sizes.Select(size => $"{size.Ours.ResizeCopies} of {options.Classes * options.TrainImagesPerClass} training images from copies at {size.Size} px")) + "."
                : "Resize cache off (--no-resize-cache): our loader decodes every file."));
        Line(text, $"\nLoader alone at {options.LargeSize} px on {options.LargeImageWidth}×{options.LargeImageHeight} JPEGs " +
            $"({options.LargeImages} images, {report.Large.FileMegabytes:F1} MB each; a full-size decode of them alone: {report.Large.FullDecodeImagesPerSecond:F1} img/s): " +
            $"first epoch, decoding at a reduced libjpeg-turbo scale and writing the resize cache's copies, {report.Large.FirstEpochImagesPerSecond:F1} img/s " +
            $"({report.Large.FirstEpochSpeedupOverFullDecode:F1}× the full decode; decoding alone at that scale: {report.Large.ScaledDecodeImagesPerSecond:F1} img/s, " +
            $"{report.Large.ScaledDecodeSpeedup:F1}×, as libjpeg-turbo still entropy-decodes every coefficient); later epochs, from the copies, " +
            $"{report.Large.LoaderImagesPerSecond:F1} img/s ({report.Large.SpeedupOverFullDecode:F1}×)");
    }

    private static string Efficiency(OursFigures ours) =>
        ours.PipelineEfficiency.ToString("P1", CultureInfo.InvariantCulture) +
        (ours.PipelineEfficiencyStandardError is { } error ? " ± " + error.ToString("P1", CultureInfo.InvariantCulture) : "");

    private static string Figure(double? value, string format, string missing = Unavailable) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? missing;

    private static void Precompute(StringBuilder text, BenchReport report)
    {
        var p = report.Precompute;
        Line(text, $"\nPrecomputed activations ({p.Images} images at {p.Size} px, frozen body; epochs include validation)\n");
        Line(text, "| caching activations | head epoch on cache | frozen full epoch | speed-up | unfrozen epoch | frozen ÷ unfrozen | lr_find |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|");
        Line(text, $"| {p.PrecomputeSeconds:F1} s | {p.HeadEpochSeconds * 1000:F0} ms | {p.FrozenEpochSeconds:F1} s | {p.Speedup:F0}× " +
            $"| {p.UnfrozenEpochSeconds:F1} s | {p.FrozenToUnfrozenRatio:F2} " +
            $"| {p.LrFind.Iterations} iterations in {p.LrFind.Seconds:F2} s{(p.LrFind.Precomputed ? " (precomputed)" : "")} |");
    }

    private static void Compute(StringBuilder text, BenchReport report)
    {
        Line(text, $"\nCompute (multiply-adds; ×2 for FLOPs): matmul {report.Options.MatmulSize}² float32 {report.MatmulGflops:F1} GFLOP/s; forward " +
            string.Join(", ", report.ForwardGflops.Select(pair => $"{pair.Key} px {pair.Value:F1} GFLOP/s")) +
            $" → forward at {report.ComputeFraction:P0} of the matmul rate.");
    }

    private static string Load(double? load) => load?.ToString("F2", CultureInfo.InvariantCulture) ?? "n/a";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
