using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Training;

namespace Dashboard.Bench.Accuracy;

/// <summary>The feature check of the script: how far the PyTorch body's features are from ours on the probe images.</summary>
public sealed record FeatureCheck(double MaxAbsDifference, double LargestFeature, int Images);

/// <summary>The reference run: its outcome, the feature check, its head learning rate per iteration of each fit, versions.</summary>
public sealed record PytorchRun(LessonOutcome Outcome, FeatureCheck Features, IReadOnlyList<IReadOnlyList<double>> HeadLearningRates,
    double WeightDecay, string Versions);

/// <summary>
/// Runs <c>python/pytorch_lesson.py</c> as a child process (our environment settings, the same thread plan) and reads the
/// JSON it prints; its progress lines are passed on to the log. No interpreter, no torch, a failure or a timeout are an
/// <see cref="AccuracyBenchException"/> saying which.
/// </summary>
public static class PytorchLesson
{
    private const int StderrLinesKept = 15;
    private static readonly TimeSpan VersionsTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The torch and torchvision versions, or why PyTorch cannot run.</summary>
    public static string Versions(AccuracyOptions options, string script)
    {
        using var document = ParseJson(RunScript(options.Python, [script, "--versions"], VersionsTimeout, TextWriter.Null));
        var root = document.RootElement;
        if (!root.GetProperty("available").GetBoolean())
            throw new AccuracyBenchException($"PyTorch unavailable: {root.GetProperty("reason").GetString()} " +
                "(on Debian: apt-get install python3-torch python3-torchvision, or give --python)");
        return Describe(root);
    }

    public static PytorchRun Run(AccuracyOptions options, string script, string recipePath, ExportedBody body, ThreadPlan threads, TextWriter log)
    {
        string[] arguments =
        [
            script, "--recipe", recipePath, "--weights", body.WeightsPath, "--probe", body.ProbePath,
            "--normalisation", body.NormalisationJson(), "--max-rotation", Text(Training.Data.Augment.AugmentationOptions.DefaultMaxRotationDegrees),
            "--max-lighting", Text(Training.Data.Augment.AugmentationOptions.DefaultMaxLighting),
            "--feature-tolerance", Text(options.FeatureTolerance), "--threads", Text(threads.ComputeThreads), "--workers", Text(threads.DecodeThreads),
        ];
        using var document = ParseJson(RunScript(options.Python, arguments, options.PythonTimeout, log));
        return Parse(document.RootElement);
    }

    private static PytorchRun Parse(JsonElement root)
    {
        try
        {
            var epochs = root.GetProperty("epochs").EnumerateArray().Select(e => new LessonEpoch(e.GetProperty("fit").GetInt32(),
                e.GetProperty("epoch").GetInt32(), e.GetProperty("trainLoss").GetDouble(), e.GetProperty("validLoss").GetDouble(),
                e.GetProperty("accuracy").GetDouble())).ToArray();
            var tta = root.GetProperty("ttaAccuracy") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : (double?)null;
            var features = new FeatureCheck(root.GetProperty("featureMaxAbsDiff").GetDouble(), root.GetProperty("featureMaxAbs").GetDouble(),
                root.GetProperty("probeImages").GetInt32());
            var rates = root.GetProperty("learningRates").EnumerateArray()
                .Select(fit => (IReadOnlyList<double>)fit.EnumerateArray().Select(rate => rate.GetDouble()).ToArray()).ToArray();
            return new PytorchRun(new LessonOutcome(epochs, tta, root.GetProperty("seconds").GetDouble()), features, rates,
                root.GetProperty("weightDecay").GetDouble(), Describe(root));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AccuracyBenchException($"the PyTorch script's output is not what bench accuracy reads: {e.Message}", e);
        }
    }

    private static JsonDocument ParseJson(string line)
    {
        try { return JsonDocument.Parse(line); }
        catch (JsonException e) { throw new AccuracyBenchException($"the PyTorch script's last line is not JSON: {line}", e); }
    }

    private static string Describe(JsonElement root) =>
        $"torch {root.GetProperty("torchVersion").GetString()}, torchvision {root.GetProperty("torchvisionVersion").GetString()}, " +
        $"Python {root.GetProperty("python").GetString()}";

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs the interpreter; returns the last line of standard output. Standard error goes to <paramref name="log"/> as it comes.</summary>
    private static string RunScript(string python, IEnumerable<string> arguments, TimeSpan timeout, TextWriter log)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (variable, value) in ProcessEnvironment.Recommended) start.Environment[variable] = value;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var stderr = new Queue<string>();
        using var process = StartOrExplain(start);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (stderr) { stderr.Enqueue(line.Data); if (stderr.Count > StderrLinesKept) stderr.Dequeue(); }
            lock (log) log.WriteLine(line.Data);
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new AccuracyBenchException($"{python}: no result within {timeout.TotalMinutes:F0} minutes");
        }
        process.WaitForExit(); // drains the standard error reader
        if (process.ExitCode != 0)
            throw new AccuracyBenchException($"{python} {Path.GetFileName(start.ArgumentList[0])} failed (exit code {process.ExitCode}): {string.Join(" | ", stderr.TakeLast(3))}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new AccuracyBenchException($"{python}: the script printed nothing");
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try { return Process.Start(start) ?? throw new AccuracyBenchException($"{start.FileName}: could not start"); }
        catch (Win32Exception e) { throw new AccuracyBenchException($"PyTorch unavailable: cannot run {start.FileName}: {e.Message}", e); }
    }
}
