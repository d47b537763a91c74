using System.CommandLine;
using System.Diagnostics;
using Dashboard.Cli;
using System.Text.Json;
using Dashboard.Training;
using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Callbacks;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using TorchSharp;

namespace Dashboard.Bench.Soak;

/// <summary>Figures of a memory soak: resident memory and live native tensors after warm-up and at the end; <c>Batches</c> are the measured ones, after the warm-up.</summary>
public sealed record SoakReport(int Batches, int WarmupBatches, int ImageSize, long RssAfterWarmUpBytes, long RssAtEndBytes, long TensorsAfterWarmUp, long TensorsAtEnd, double Seconds)
{
    public double RssGrowthMegabytes => (RssAtEndBytes - RssAfterWarmUpBytes) / 1024.0 / 1024.0;
    public long TensorGrowth => TensorsAtEnd - TensorsAfterWarmUp;
}

/// <summary>
/// <c>soak [--batches 2000] [--size 32] [--warmup N] [--out FILE]</c>: trains the pretrained ResNet-18 (unfrozen) on the
/// demo dataset for many batches in one fit and reports process RSS growth and native tensor count between the end of a
/// warm-up (default: one tenth of the batches), in which the native heap reaches its steady size, and the last epoch.
/// </summary>
public static class SoakCommand
{
    public static Command Create()
    {
        var batches = CliOptions.Count("--batches", "measured batches after the warm-up", 1, int.MaxValue, 2000);
        var size = CliOptions.Count("--size", "image size in pixels", 16, 1024, 32);
        var warmup = CliOptions.OptionalCount("--warmup", "warm-up batches (default: a tenth of --batches)", 1);
        var output = new Option<string?>("--out") { Description = "write the figures to this JSON file", HelpName = "FILE.json" };
        var command = new Command("soak", "Memory soak: resident memory growth and native tensor count over many batches") { batches, size, warmup, output };
        command.SetAction(parsed =>
        {
            int measured = parsed.GetValue(batches);
            SoakReport report;
            using (var progress = TrainingProgress.For(parsed.InvocationConfiguration.Output))
                report = WorkerThread.Run(() => Measure(measured, parsed.GetValue(size), parsed.GetValue(warmup) ?? measured / 10, progress));
            parsed.InvocationConfiguration.Output.WriteLine($"soak: {report.Batches} batches after {report.WarmupBatches} warm-up batches at {report.ImageSize}px in {report.Seconds:F0} s; RSS growth {report.RssGrowthMegabytes:F1} MB; native tensors {report.TensorsAfterWarmUp} → {report.TensorsAtEnd}");
            if (parsed.GetValue(output) is { } path) File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            return CommandLineInvocation.Succeeded;
        });
        return command;
    }

    public static SoakReport Measure(int batches, int size, int warmupBatches, ITrainingEventSink progress)
    {
        var folder = Directory.CreateTempSubdirectory("soak-").FullName;
        try
        {
            TorchDevices.Resolve(new TorchOptions()); // the dashboard's torch set-up, heap settings included
            var data = LoaderLearnerData.Open(new RecipeData("demo", size, BatchSize: 32), seed: 0);
            var options = new LearnerOptions { ModelsFolder = Path.Combine(folder, "models"), ActivationCacheFolder = Path.Combine(folder, "cache"), ThumbnailCount = 0 };
            using var learner = new Learner(Backbones.Create("resnet18"), data, options, progress);
            learner.Unfreeze();
            int perEpoch = data.Train(true).BatchesPerEpoch;
            int warmUpEpochs = Math.Max(1, (warmupBatches + perEpoch - 1) / perEpoch);
            int remaining = Math.Max(1, (batches + perEpoch - 1) / perEpoch);
            var probe = new EpochSnapshots(warmUpEpochs, warmUpEpochs + remaining);
            learner.AddCallback(probe);
            var clock = Stopwatch.StartNew();
            learner.Fit(new FitRequest(1e-3, cycles: warmUpEpochs + remaining));
            var ((rssWarm, tensorsWarm), (rssEnd, tensorsEnd)) = (probe.AfterWarmUp, probe.AtEnd);
            return new SoakReport(remaining * perEpoch, warmUpEpochs * perEpoch, size, rssWarm, rssEnd, tensorsWarm, tensorsEnd, clock.Elapsed.TotalSeconds);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>
    /// Memory at two epoch ends of one fit: after the warm-up and at the last epoch. Inside one fit, so the optimizer's
    /// state (a fresh one per fit, as fastai 0.7) is part of both and only growth per batch shows.
    /// </summary>
    private sealed class EpochSnapshots(int warmUpEpochs, int lastEpoch) : LearnerCallback
    {
        public (long Rss, long Tensors) AfterWarmUp { get; private set; }
        public (long Rss, long Tensors) AtEnd { get; private set; }

        public override void AfterEpoch(FitContext fit)
        {
            if (fit.EpochInFit + 1 == warmUpEpochs) AfterWarmUp = Snapshot();
            if (fit.EpochInFit + 1 == lastEpoch) AtEnd = Snapshot();
        }
    }

    private static (long Rss, long Tensors) Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, torch.Tensor.TotalCount);
    }
}
