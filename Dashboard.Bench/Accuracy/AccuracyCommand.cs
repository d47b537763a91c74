using System.CommandLine;
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
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "a folder with train/ and valid/ class folders", Required = true, HelpName = "DIR" };
        var size = CliOptions.Count("--size", "image size in pixels", 16, int.MaxValue, 224);
        var batchSize = CliOptions.Count("--batch-size", "batch size (fastai 0.7: 64)", 2, int.MaxValue, AccuracyOptions.FastaiBatchSize);
        var seed = CliOptions.Count("--seed", "random seed of both sides", 0, int.MaxValue, 0);
        var quick = new Option<bool>("--short") { Description = "one epoch per fit: the CI smoke test" };
        var withBf16 = new Option<bool>("--with-bf16") { Description = "also run our side in bf16" };
        var output = new Option<string?>("--out") { Description = "write the figures to this JSON file", HelpName = "FILE.json" };
        var python = new Option<string>("--python") { Description = "the Python with torch and torchvision", DefaultValueFactory = _ => BenchOptions.DefaultPython };
        var script = new Option<string?>("--script") { Description = $"the PyTorch reference; default: {AccuracyOptions.ScriptRelativePath} beside the app" };
        var command = new Command("accuracy", "The lesson recipe on ours and on PyTorch (fastai 0.7 semantics), same weights and files") { data, size, batchSize, seed, quick, withBf16, output, python, script };
        command.SetAction(parsed => Run(new AccuracyOptions(parsed.GetRequiredValue(data))
        {
            Size = parsed.GetValue(size), BatchSize = parsed.GetValue(batchSize), Seed = parsed.GetValue(seed), Short = parsed.GetValue(quick),
            WithBf16 = parsed.GetValue(withBf16), Python = parsed.GetRequiredValue(python), Script = parsed.GetValue(script),
        }, parsed.GetValue(output), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(AccuracyOptions options, string? path, TextWriter output, TextWriter error)
    {
        try
        {
            var report = WorkerThread.Run(() => AccuracyRunner.Run(options, output));
            BenchOutput.Finish(output, AccuracyTable.Format(report), path, () => AccuracyJson.Serialize(report));
            return CommandLineInvocation.Succeeded;
        }
        catch (AccuracyBenchException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CommandLineInvocation.Failed;
        }
    }
}
