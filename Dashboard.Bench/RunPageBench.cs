using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Cli;
using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using SkiaSharp;

namespace Dashboard.Bench;

/// <summary>
/// <c>bench runpage [--batches N]</c>: how long the server takes to give the run page the view of a finished run with
/// thousands of events (lr_find, batches, epochs with 8 thumbnails each, system samples) in a temporary store: the first
/// open reads and replays every event; later opens come from <see cref="RunViewCache"/>. The browser's own drawing is
/// not included.
/// </summary>
public static class RunPageBench
{
    private const int BatchesPerEpoch = 100, LrFindIterations = 100, Thumbnails = 8;

    public static Command Create()
    {
        var batches = CliOptions.Count("--batches", "training batches in the generated finished run", 100, 1_000_000, 3000);
        var command = new Command("runpage", "Time to open a finished run's page (server side), first and cached") { batches };
        command.SetAction(parsed => Run(parsed.GetValue(batches), parsed.InvocationConfiguration.Output));
        return command;
    }

    public static int Run(int batches, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("runpage-bench-").FullName;
        try
        {
            var store = new RunStore(Path.Combine(folder, "runs.db"));
            var run = FinishedRun(store, batches);
            int events = store.Events(run.Id).Count;
            var cache = new RunViewCache(store);
            var cold = Time(() => cache.Open(run, out _));
            var warm = Enumerable.Range(0, 5).Select(attempt => Time(() => cache.Open(run, out _))).Order().ToArray()[2];
            output.WriteLine($"finished run: {events} events ({batches} batches, {batches / BatchesPerEpoch} epochs with {Thumbnails} thumbnails each)");
            output.WriteLine($"first open (read and replay every event): {cold:0} ms");
            output.WriteLine($"later opens (view cache, median of 5):    {warm:0.00} ms");
            return CommandLineInvocation.Succeeded;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static double Time(Action open)
    {
        var clock = Stopwatch.StartNew();
        open();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static RunSummary FinishedRun(RunStore store, int batches)
    {
        var run = store.Create("bench", """{ "data": { "path": "demo", "size": 64, "batchSize": 32 }, "arch": "resnet18", "steps": [ {"lrFind": {}}, {"fit": {"lr": 0.01, "cycles": 30}} ] }""");
        var png = ThumbnailPng();
        store.Append(run.Id, new RunStarted("resnet18", ["a", "b"], 3200, 320, 64, "cpu"));
        store.Append(run.Id, new StepStarted(0, "lrFind"));
        for (int i = 0; i < LrFindIterations; i++) store.Append(run.Id, new LrFindBatchEnded(i, 1e-7 * Math.Pow(10, i * 8.0 / LrFindIterations), 2.3 - i * 0.01, 2.3 - i * 0.01));
        store.Append(run.Id, new StepStarted(1, "fit"));
        store.Append(run.Id, new FitStarted(0, batches / BatchesPerEpoch, BatchesPerEpoch, [0.01], false, 2));
        for (int i = 0; i < batches; i++)
        {
            int epoch = i / BatchesPerEpoch;
            if (i % BatchesPerEpoch == 0) store.Append(run.Id, new ThumbnailsCaptured(epoch, Enumerable.Repeat(png, Thumbnails).ToArray(), new int[Thumbnails]));
            store.Append(run.Id, new BatchEnded(0, i, epoch, 0.01, 2.0 / (1 + i * 0.01)));
            if (i % 20 == 0) store.Append(run.Id, new SystemSampled(150, 900L << 20, 40, 2));
            if (i % BatchesPerEpoch == BatchesPerEpoch - 1) store.Append(run.Id, new EpochEnded(0, epoch, 1, 1, 0.8, 40));
        }
        store.Append(run.Id, new RunCompleted(0.8, null, 1200));
        store.SetStatus(run.Id, RunStatus.Finished);
        return store.Find(run.Id)!;
    }

    private static byte[] ThumbnailPng()
    {
        using var bitmap = new SKBitmap(64, 64);
        bitmap.Erase(SKColors.SlateGray);
        return PngEncoding.Encode(bitmap);
    }
}
