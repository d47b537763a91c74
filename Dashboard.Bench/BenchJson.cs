using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>
/// The report as one flat JSON object: per-size keys end in the size (<c>oursImagesPerSecond224</c>,
/// <c>pipelineRatio128</c>…); PyTorch figures and ratios are null when PyTorch was unavailable (see <c>pytorch</c>).
/// </summary>
public static class BenchJson
{
    public const string FlopCounting = "multiply-adds (torchvision's 1.82 G per 224 px ResNet-18 image; n^3 per n x n matmul); x2 for FLOPs";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(BenchReport report) => Build(report).ToJsonString(Indented);

    public static JsonObject Build(BenchReport report)
    {
        var json = Settings(report);
        foreach (var size in report.Sizes) AddSize(json, report, size);
        AddCompute(json, report);
        AddPrecompute(json, report.Precompute);
        return json;
    }

    private static JsonObject Settings(BenchReport report)
    {
        var (options, environment, threads) = (report.Options, report.Environment, report.Environment.Threads);
        return new JsonObject
        {
            ["short"] = report.Short, ["totalSeconds"] = report.Seconds, ["architecture"] = options.Architecture,
            ["batchSize"] = options.BatchSize, ["warmupBatches"] = options.WarmupBatches, ["augmentation"] = options.Augmentation, ["oursChannelsLast"] = options.ChannelsLast,
            ["oursResizeCache"] = options.ResizeCache, ["efficiencyRounds"] = options.EfficiencyRounds, ["efficiencySlotBatches"] = options.EfficiencySlotBatches, ["turnLeadInBatches"] = options.TurnLeadInBatches,
            ["trainImages"] = options.Classes * options.TrainImagesPerClass, ["validImages"] = options.Classes * options.ValidImagesPerClass,
            ["sourceImage"] = $"{options.ImageWidth}x{options.ImageHeight} JPEG",
            ["largeSourceImage"] = $"{options.LargeImageWidth}x{options.LargeImageHeight} JPEG", ["largeImages"] = options.LargeImages,
            ["cores"] = threads.Cores, ["computeThreads"] = threads.ComputeThreads, ["decodeThreads"] = threads.DecodeThreads,
            ["pytorchThreads"] = threads.ComputeThreads, ["pytorchWorkers"] = threads.DecodeThreads,
            ["oursStartedWithTrainingEnvironment"] = environment.TrainingEnvironmentAtStart, ["trainingEnvironment"] = ProcessEnvironment.Describe(),
            ["dotnet"] = environment.Dotnet, ["torchSharp"] = environment.TorchSharp,
            ["pytorch"] = environment.Pytorch ?? "unavailable: " + report.Sizes.Select(size => size.Pytorch.Unavailable).FirstOrDefault(),
            ["loadAverageStart"] = environment.LoadAverageStart, ["loadAverageEnd"] = environment.LoadAverageEnd,
        };
    }

    private static void AddSize(JsonObject json, BenchReport report, SizeFigures size)
    {
        var (s, ours, pytorch, sameSettings) = (size.Size, size.Ours.Pipeline, size.Pytorch.Figures, size.PytorchSameSettings.Figures);
        json[$"measuredBatches{s}"] = ours.Images / report.Options.BatchSize;
        json[$"oursImagesPerSecond{s}"] = ours.ImagesPerSecond;
        json[$"pytorchImagesPerSecond{s}"] = pytorch?.ImagesPerSecond;
        json[$"pipelineRatio{s}"] = size.Ratio;
        json[$"pytorchSameSettingsImagesPerSecond{s}"] = sameSettings?.ImagesPerSecond;
        json[$"pipelineRatioSameSettings{s}"] = size.RatioSameSettings;
        json[$"oursComputeOnlyImagesPerSecond{s}"] = size.Ours.ComputeOnlyImagesPerSecond;
        json[$"oursPipelineEfficiency{s}"] = size.Ours.PipelineEfficiency;
        json[$"oursPipelineEfficiencyStandardError{s}"] = size.Ours.PipelineEfficiencyStandardError;
        json[$"oursPipelineEfficiencyRounds{s}"] = new JsonArray((size.Ours.RoundEfficiencies ?? []).Select(round => (JsonNode?)round).ToArray());
        json[$"oursDecodeOnlyImagesPerSecond{s}"] = size.Ours.DecodeOnlyImagesPerSecond;
        json[$"loaderImagesPerSecond{s}"] = size.Ours.DecodeOnlyImagesPerSecond;
        json[$"oursResizeCopies{s}"] = size.Ours.ResizeCopies;
        if (s == report.Options.LargeSize)
        {
            json[$"loaderImagesPerSecond{s}Large"] = report.Large.LoaderImagesPerSecond;
            json["fullDecodeImagesPerSecondLarge"] = report.Large.FullDecodeImagesPerSecond;
            json[$"loaderSpeedupOverFullDecode{s}Large"] = report.Large.SpeedupOverFullDecode;
            json[$"loaderImagesPerSecond{s}LargeFirstEpoch"] = report.Large.FirstEpochImagesPerSecond;
            json[$"loaderSpeedupOverFullDecode{s}LargeFirstEpoch"] = report.Large.FirstEpochSpeedupOverFullDecode;
            json[$"scaledDecodeImagesPerSecond{s}Large"] = report.Large.ScaledDecodeImagesPerSecond;
            json[$"scaledDecodeSpeedupOverFullDecode{s}Large"] = report.Large.ScaledDecodeSpeedup;
            json["largeImageMegabytes"] = report.Large.FileMegabytes;
        }
        json[$"oursCpuMillisecondsPerImage{s}"] = ours.CpuMillisecondsPerImage;
        json[$"pytorchCpuMillisecondsPerImage{s}"] = pytorch?.CpuMillisecondsPerImage;
        json[$"oursDataWaitFraction{s}"] = ours.DataWaitFraction;
        json[$"pytorchDataWaitFraction{s}"] = pytorch?.DataWaitFraction;
        json[$"oursAllocatedKilobytesPerBatch{s}"] = ours.AllocatedKilobytesPerBatch;
        json[$"oursTrainGflops{s}"] = report.TrainGflops(size);
        json[$"forwardGflops{s}"] = report.ForwardGflops[s];
        AddBf16(json, size);
    }

    private static void AddBf16(JsonObject json, SizeFigures size)
    {
        var (s, bf16) = (size.Size, size.Bf16);
        json[$"oursImagesPerSecondBf16_{s}"] = bf16?.Ours.ImagesPerSecond;
        json[$"oursComputeOnlyImagesPerSecondBf16_{s}"] = bf16?.OursComputeOnlyImagesPerSecond;
        json[$"pytorchImagesPerSecondBf16_{s}"] = bf16?.Pytorch.Figures?.ImagesPerSecond;
        json[$"pipelineRatioBf16_{s}"] = bf16?.Ratio;
        json[$"bf16SpeedupOurs{s}"] = size.Bf16SpeedupOurs;
        json[$"bf16SpeedupPytorch{s}"] = size.Bf16SpeedupPytorch;
    }

    private static void AddCompute(JsonObject json, BenchReport report)
    {
        json["forwardGflops"] = report.HeadlineForwardGflops;
        json["matmulGflops"] = report.MatmulGflops;
        json["matmulSize"] = report.Options.MatmulSize;
        json["computeFraction"] = report.ComputeFraction;
        json["flopCounting"] = FlopCounting;
    }

    private static void AddPrecompute(JsonObject json, PrecomputeFigures precompute)
    {
        json["precomputeSize"] = precompute.Size;
        json["precomputeImages"] = precompute.Images;
        json["precomputeSeconds"] = precompute.PrecomputeSeconds;
        json["headEpochSeconds"] = precompute.HeadEpochSeconds;
        json["frozenEpochSeconds"] = precompute.FrozenEpochSeconds;
        json["precomputeSpeedup"] = precompute.Speedup;
        json["unfrozenEpochSeconds"] = precompute.UnfrozenEpochSeconds;
        json["frozenToUnfrozenEpochRatio"] = precompute.FrozenToUnfrozenRatio;
        json["lrFindSeconds"] = precompute.LrFind.Seconds;
        json["lrFindIterations"] = precompute.LrFind.Iterations;
        json["lrFindPrecomputed"] = precompute.LrFind.Precomputed;
    }
}
