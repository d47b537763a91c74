using System.Globalization;
using Dashboard.Cli;
using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>
/// <c>bench [--out FILE.json] [--short] [--python PATH] [--script PATH] [--compute-threads N] [--decode-threads N] [--contiguous]</c>:
/// measures the training pipeline against PyTorch, precompute, lr_find and compute, prints tables, writes JSON.
/// <c>bench accuracy …</c> is the accuracy comparison instead (see <see cref="Accuracy.AccuracyCommand"/>).
/// </summary>
public static class BenchCommand
{
    public static int Run(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Length > 0 && args[0] == "accuracy") return Accuracy.AccuracyCommand.Run(args[1..], output);
        BenchOptions options;
        try { options = Parse(args); }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        var report = WorkerThread.Run(() => BenchRunner.Run(options, args.Contains("--short"), output));
        output.WriteLine();
        output.Write(BenchTable.Format(report));
        if (CommandLine.Option(args, "--out") is string path)
        {
            AtomicFile.Write(path, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); writer.Write(BenchJson.Serialize(report)); });
            output.WriteLine($"\nwrote {path}");
        }
        return 0;
    }

    private static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--short") ? BenchOptions.Short() : BenchOptions.Full();
        return options with
        {
            Python = CommandLine.Option(args, "--python") ?? options.Python,
            Script = CommandLine.Option(args, "--script") ?? options.Script,
            ComputeThreads = Count(args, "--compute-threads") ?? options.ComputeThreads,
            DecodeThreads = Count(args, "--decode-threads") ?? options.DecodeThreads,
            ChannelsLast = !args.Contains("--contiguous"),
        };
    }

    private static int? Count(string[] args, string flag) => CommandLine.Option(args, flag) is string text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new FormatException($"{flag} needs a positive whole number, not '{text}'.")
        : null;
}
