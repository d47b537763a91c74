using System.Runtime.InteropServices;
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
    /// <summary>Measurements per image size (ours and compute alone twice each, PyTorch, PyTorch with our settings, loader alone, bf16 ours, bf16 PyTorch), then three more.</summary>
    private const int MeasurementsPerSize = 7, FinalMeasurements = 3;

    public static BenchReport Run(BenchOptions options, bool isShort, TextWriter log)
    {
        options.Validate();
        var threads = ThreadPlan.For(Environment.ProcessorCount, options.ComputeThreads, options.DecodeThreads);
        var loadAtStart = MachineLoad.OneMinute();
        TorchDevices.Resolve(new TorchOptions()); // the dashboard's torch set-up, heap settings included
        using var torchThreads = threads.ApplyToTorch();
        using var progress = BenchProgress.For(log, options.Sizes.Count * MeasurementsPerSize + FinalMeasurements);
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
        // Pipeline, compute alone, compute alone, pipeline: a machine whose speed drifts during the four affects both sides
        // alike, so their ratio (a goal) is what loading costs the training, not when each was measured.
        progress.Say($"ours at {run.Size} px…");
        var first = OursPipeline.Measure(dataset, options, run, threads);
        var computeFirst = OursPipeline.ComputeOnlyImagesPerSecond(dataset, options, run, threads);
        progress.Done($"ours {first.ImagesPerSecond:F1} images/s, compute alone {computeFirst:F1} images/s; again in reverse order…");
        var computeSecond = OursPipeline.ComputeOnlyImagesPerSecond(dataset, options, run, threads);
        var ours = first.Plus(OursPipeline.Measure(dataset, options, run, threads));
        var computeOnly = 2 / (1 / computeFirst + 1 / computeSecond); // equal image counts: the rate of both together
        progress.Done($"ours {ours.ImagesPerSecond:F1} images/s, compute alone {computeOnly:F1} images/s over both; PyTorch at {run.Size} px…");
        var pytorch = PytorchPipeline.Measure(dataset, options, run, threads, sameSettings: false);
        progress.Done($"PyTorch {Rate(pytorch)}; PyTorch with our environment settings…");
        var pytorchSameSettings = PytorchPipeline.Measure(dataset, options, run, threads, sameSettings: true);
        progress.Done($"PyTorch with our environment settings {Rate(pytorchSameSettings)}; ours loader alone…");
        var decodeOnly = DecodeOnly.ImagesPerSecond(dataset, options, run, threads);
        progress.Done($"loader alone {decodeOnly:F1} images/s");
        var bf16 = MeasureBf16(dataset, options, run, threads, progress);
        return new SizeFigures(run.Size, new OursFigures(ours, computeOnly, decodeOnly), pytorch, pytorchSameSettings, bf16);
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
