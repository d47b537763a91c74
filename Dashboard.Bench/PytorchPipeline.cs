using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Training;
using Dashboard.Training.Precision;

namespace Dashboard.Bench;

/// <summary>
/// Runs <c>python/pytorch_pipeline.py</c> as a child process on the same training folder, size, batch size and thread
/// counts, and reads the JSON it prints. No interpreter, no torch, a crash or a timeout give "unavailable", never a failure.
/// </summary>
public static class PytorchPipeline
{
    /// <param name="sameSettings">Start Python with the dashboard's environment settings (<see cref="ProcessEnvironment.Recommended"/>), else without any of them.</param>
    /// <param name="precision">fp32, or bf16: the script's forward pass and loss under <c>torch.autocast('cpu', dtype=torch.bfloat16)</c>.</param>
    public static PytorchOutcome Measure(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, bool sameSettings,
        TrainingPrecision precision = TrainingPrecision.Fp32)
    {
        var script = BenchScript.Locate(options);
        if (script is null) return PytorchOutcome.Missing($"{BenchOptions.ScriptRelativePath} not found");
        try
        {
            var output = RunScript(options, Arguments(script, dataset, options, run, threads, precision), sameSettings);
            return Parse(output);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or JsonException or TimeoutException or KeyNotFoundException)
        {
            return PytorchOutcome.Missing($"{options.Python}: {e.Message}");
        }
    }

    private static IEnumerable<string> Arguments(string script, BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads,
        TrainingPrecision precision) =>
    [
        script, "--data", dataset.TrainFolder, "--size", Text(run.Size), "--batch-size", Text(options.BatchSize),
        "--warmup-batches", Text(options.WarmupBatches), "--batches", Text(run.MeasuredBatches),
        "--threads", Text(threads.ComputeThreads), "--workers", Text(threads.DecodeThreads),
        "--learning-rate", options.LearningRate.ToString(CultureInfo.InvariantCulture), "--seed", Text(options.Seed),
        "--precision", TrainingPrecisionNames.NameOf(precision),
    ];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string RunScript(BenchOptions options, IEnumerable<string> arguments, bool sameSettings)
    {
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (variable, value) in ProcessEnvironment.Recommended)
        {
            start.Environment.Remove(variable);
            if (sameSettings) start.Environment[variable] = value;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(options.PythonTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"no result within {options.PythonTimeout.TotalSeconds:F0} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"exit code {process.ExitCode}: {LastLine(stderr.Result)}");
        return LastLine(stdout.Result);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static PytorchOutcome Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.GetProperty("available").GetBoolean()) return PytorchOutcome.Missing(root.GetProperty("reason").GetString() ?? "unavailable");
        var figures = new PipelineFigures(root.GetProperty("imagesPerSecond").GetDouble(), root.GetProperty("images").GetInt32(),
            root.GetProperty("seconds").GetDouble(), root.GetProperty("dataWaitSeconds").GetDouble(), root.GetProperty("cpuSeconds").GetDouble());
        var versions = $"torch {root.GetProperty("torchVersion").GetString()}, torchvision {root.GetProperty("torchvisionVersion").GetString()}, " +
            $"Python {root.GetProperty("python").GetString()}";
        return new PytorchOutcome(figures, null, versions);
    }
}
