using System.CommandLine;
using Dashboard.Cli;
using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>
/// <c>bench [--out FILE.json] [--short] [--python PATH] [--script PATH] [--compute-threads N] [--decode-threads N] [--contiguous] [--no-resize-cache]</c>:
/// measures the training pipeline against PyTorch, precompute, lr_find and compute, prints tables, writes JSON.
/// <c>bench accuracy …</c> is the accuracy comparison instead (see <see cref="Accuracy.AccuracyCommand"/>), <c>bench runpage</c>
/// the time to open a finished run's page (see <see cref="RunPageBench"/>).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "write the figures to this JSON file", HelpName = "FILE.json" };
        var quick = new Option<bool>("--short") { Description = "a few small batches: the CI smoke test" };
        var python = new Option<string>("--python") { Description = "the Python with torch and torchvision", DefaultValueFactory = _ => BenchOptions.DefaultPython };
        var script = new Option<string?>("--script") { Description = $"the PyTorch reference; default: {BenchOptions.ScriptRelativePath} beside the app" };
        var computeThreads = CliOptions.OptionalCount("--compute-threads", "libtorch threads; default: from the core count", 1);
        var decodeThreads = CliOptions.OptionalCount("--decode-threads", "decoding threads; default: one per four cores", 1);
        var contiguous = new Option<bool>("--contiguous") { Description = "train in the plain memory layout instead of channels-last" };
        var noResizeCache = new Option<bool>("--no-resize-cache") { Description = "decode every file, without the resize cache's smaller copies the dashboard reads" };
        var command = new Command("bench", "Throughput against PyTorch, precompute, lr_find, GFLOP/s") { output, quick, python, script, computeThreads, decodeThreads, contiguous, noResizeCache, Accuracy.AccuracyCommand.Create(), RunPageBench.Create() };
        command.SetAction(parsed =>
        {
            var options = (parsed.GetValue(quick) ? BenchOptions.Short() : BenchOptions.Full()) with
            {
                Python = parsed.GetRequiredValue(python), Script = parsed.GetValue(script), ComputeThreads = parsed.GetValue(computeThreads),
                DecodeThreads = parsed.GetValue(decodeThreads), ChannelsLast = !parsed.GetValue(contiguous),
                ResizeCache = !parsed.GetValue(noResizeCache),
            };
            return Run(options, parsed.GetValue(quick), parsed.GetValue(output), parsed.InvocationConfiguration.Output);
        });
        return command;
    }

    public static int Run(BenchOptions options, bool quick, string? path, TextWriter output)
    {
        var report = WorkerThread.Run(() => BenchRunner.Run(options, quick, output));
        BenchOutput.Finish(output, BenchTable.Format(report), path, () => BenchJson.Serialize(report));
        return CommandLineInvocation.Succeeded;
    }
}
