using System.Runtime.InteropServices;
using Dashboard.Bench.Efficiency;
using Dashboard.Training;
using Dashboard.Training.Precision;
using TorchSharp;

namespace Dashboard.Bench;

/// <summary>
/// Runs the whole benchmark: generates the dataset, then at each size ours and PyTorch back to back (so both see the
/// same machine load), then precompute and lr_find, then the compute figures. Progress goes to <c>log</c>: a live bar on a
/// terminal, plain lines elsewhere (<see cref="BenchProgress"/>).
/// </summary>
public static class BenchRunner
{
    /// <summary>Measurements per image size besides our pipeline and compute alone (PyTorch, PyTorch with our settings, loader alone, bf16 ours, bf16 PyTorch), then three more.</summary>
    private const int OtherMeasurementsPerSize = 5, FinalMeasurements = 3;

    public static BenchReport Run(BenchOptions options, bool isShort, TextWriter log)
    {
        options.Validate();
        var threads = ThreadPlan.For(Environment.ProcessorCount, options.ComputeThreads, options.DecodeThreads);
        var loadAtStart = MachineLoad.OneMinute();
        TorchDevices.Resolve(new TorchOptions()); // the dashboard's torch set-up, heap settings included
        using var torchThreads = threads.ApplyToTorch();
        using var progress = BenchProgress.For(log, options.Sizes.Count * (options.EfficiencyRounds + OtherMeasurementsPerSize) + FinalMeasurements);
        progress.Say($"{threads}; load average {loadAtStart?.ToString() ?? "n/a"}; generating JPEGs…");
        using var dataset = BenchDataset.Create(options);
        var sizes = options.Sizes.Select(run => MeasureSize(dataset, options, run, threads, progress)).ToList();
        progress.Say($"loader alone on {options.LargeImageWidth}×{options.LargeImageHeight} JPEGs at {options.LargeSize} px…");
        var largeLoader = DecodeOnly.LargeImagesPerSecond(options, threads);
        progress.Done($"loader alone on large JPEGs {largeLoader.FirstEpochImagesPerSecond:F1} images/s making copies, {largeLoader.LoaderImagesPerSecond:F1} from them; full decode {largeLoader.FullDecodeImagesPerSecond:F1} images/s; precompute and lr_find at {options.PrecomputeSize} px…");
        var precompute = PrecomputeBench.Measure(dataset, options, threads);
        progress.Done("precompute and lr_find measured; compute figures…");
        var forward = ComputeBench.ForwardGflops(options);
        var matmul = ComputeBench.MatmulGflops(options);
        progress.Done("compute figures measured");
        var pytorch = sizes.Select(size => size.Pytorch.Versions).FirstOrDefault(versions => versions is not null);
        var environment = new BenchEnvironment(threads, RuntimeInformation.FrameworkDescription,
            typeof(torch).Assembly.GetName().Version?.ToString() ?? "?", pytorch, loadAtStart, MachineLoad.OneMinute(), ProcessEnvironment.Missing().Count == 0);
        return new BenchReport(options, environment, sizes, precompute, forward, matmul, progress.Elapsed.TotalSeconds, isShort, largeLoader);
    }

    private static SizeFigures MeasureSize(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, BenchProgress progress)
    {
        var cache = OursPipeline.ResizeCacheFor(dataset, options);
        if (cache is not null) progress.Say($"resize cache copies at {run.Size} px…");
        var copies = cache is null ? 0 : DecodeOnly.MakeResizeCopies(dataset, options, run, threads, cache);
        progress.Say($"{(cache is null ? "" : $"{copies} training images have copies at {run.Size} px; ")}ours at {run.Size} px, taking turns with compute alone…");
        var efficiency = InterleavedEfficiency.Measure(dataset, options, run, threads, progress);
        progress.Say($"ours {efficiency.Pipeline.ImagesPerSecond:F1} images/s, compute alone {efficiency.ComputeOnlyImagesPerSecond:F1} images/s over {options.EfficiencyRounds} round(s); PyTorch at {run.Size} px…");
        var pytorch = PytorchPipeline.Measure(dataset, options, run, threads, sameSettings: false);
        progress.Done($"PyTorch {Rate(pytorch)}; PyTorch with our environment settings…");
        var pytorchSameSettings = PytorchPipeline.Measure(dataset, options, run, threads, sameSettings: true);
        progress.Done($"PyTorch with our environment settings {Rate(pytorchSameSettings)}; ours loader alone…");
        var decodeOnly = DecodeOnly.ImagesPerSecond(dataset, options, run, threads, cache);
        progress.Done($"loader alone {decodeOnly:F1} images/s");
        var bf16 = MeasureBf16(dataset, options, run, threads, progress);
        return new SizeFigures(run.Size, new OursFigures(efficiency.Pipeline, efficiency.ComputeOnlyImagesPerSecond, decodeOnly, copies, efficiency.RoundEfficiencies),
            pytorch, pytorchSameSettings, bf16);
    }

    /// <summary>The same measurements in bf16: ours through the learner's precision, PyTorch under autocast with our environment settings.</summary>
    private static Bf16Figures MeasureBf16(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, BenchProgress progress)
    {
        progress.Say($"ours bf16 at {run.Size} px…");
        var ours = OursPipeline.Measure(dataset, options, run, threads, TrainingPrecision.Bf16);
        var computeOnly = OursPipeline.ComputeOnlyImagesPerSecond(dataset, options, run, threads, TrainingPrecision.Bf16);
        progress.Done($"ours bf16 {ours.ImagesPerSecond:F1} images/s, compute alone {computeOnly:F1} images/s; PyTorch autocast bf16 with our environment settings…");
        var pytorch = PytorchPipeline.Measure(dataset, options, run, threads, sameSettings: true, TrainingPrecision.Bf16);
        progress.Done($"PyTorch bf16 {Rate(pytorch)}");
        return new Bf16Figures(ours, computeOnly, pytorch);
    }

    private static string Rate(PytorchOutcome pytorch) => pytorch.Figures?.ImagesPerSecond.ToString("F1") ?? "unavailable: " + pytorch.Unavailable;
}
