using System.Globalization;
using Dashboard.Cli;
using Dashboard.Training;

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// <c>bench accuracy --data DIR [--size N] [--batch-size N] [--seed N] [--short] [--with-bf16] [--out FILE.json] [--python PATH] [--script PATH]</c>:
/// the lesson recipe on our learner and on the PyTorch reference, same body, same files; prints a table, writes JSON.
/// Exit codes: 0 done, 1 the comparison could not run or finish (the message says why), 2 bad arguments.
/// </summary>
public static class AccuracyCommand
{
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        (output, error) = (output ?? Console.Out, error ?? Console.Error);
        AccuracyOptions options;
        try { options = Parse(args); }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        try
        {
            var report = WorkerThread.Run(() => AccuracyRunner.Run(options, output));
            output.WriteLine();
            output.Write(AccuracyTable.Format(report));
            if (CommandLine.Option(args, "--out") is string path)
            {
                AtomicFile.Write(path, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); writer.Write(AccuracyJson.Serialize(report)); });
                output.WriteLine($"\nwrote {path}");
            }
            return 0;
        }
        catch (AccuracyBenchException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static AccuracyOptions Parse(string[] args)
    {
        var data = CommandLine.Option(args, "--data") ?? throw new FormatException("bench accuracy needs --data DIR (a folder with train/ and valid/)");
        var options = new AccuracyOptions(data) { Short = args.Contains("--short"), WithBf16 = args.Contains("--with-bf16") };
        return options with
        {
            Size = Count(args, "--size", 16) ?? options.Size,
            BatchSize = Count(args, "--batch-size", 2) ?? options.BatchSize,
            Seed = Count(args, "--seed", 0) ?? options.Seed,
            Python = CommandLine.Option(args, "--python") ?? options.Python,
            Script = CommandLine.Option(args, "--script") ?? options.Script,
        };
    }

    private static int? Count(string[] args, string flag, int minimum) => CommandLine.Option(args, flag) is string text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum ? value
            : throw new FormatException($"{flag} needs a whole number of at least {minimum}, not '{text}'.")
        : null;
}
