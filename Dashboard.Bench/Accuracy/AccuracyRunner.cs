using System.Diagnostics;
using Dashboard.Training;
using Dashboard.Training.Data;
using Dashboard.Training.Recipes;

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// Runs the whole comparison: checks the dataset and PyTorch first (seconds), writes the lesson recipe and our exported
/// body into a temporary folder, runs ours, then PyTorch on the same recipe, body and files. Progress goes to <c>log</c>.
/// </summary>
public static class AccuracyRunner
{
    private const string RecipeFileName = "recipe.json";

    public static AccuracyReport Run(AccuracyOptions options, TextWriter log, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var bunch = OpenDataset(options.DataFolder);
        var script = BenchScript.Locate(options.Script, AccuracyOptions.ScriptRelativePath)
            ?? throw new AccuracyBenchException($"{options.Script ?? AccuracyOptions.ScriptRelativePath} not found");
        Say(log, clock, $"PyTorch: {PytorchLesson.Versions(options, script)}");
        var threads = ThreadPlan.For(Environment.ProcessorCount);
        var device = TorchDevices.Resolve(new TorchOptions()); // the dashboard's torch set-up, heap settings included
        var work = Directory.CreateTempSubdirectory("bench-accuracy-");
        try
        {
            var recipeJson = LessonRecipe.Json(options);
            var recipe = RecipeParser.Parse(recipeJson);
            var recipePath = Path.Combine(work.FullName, RecipeFileName);
            File.WriteAllText(recipePath, recipeJson);
            var body = BodyExport.Write(recipe, work.FullName, options.ProbeImages, cancellation);
            Say(log, clock, $"exported our body to {body.WeightsPath} (input {body.Describe()}); ours…");
            var ours = OursLesson.Run(recipe, work.FullName, device, log, cancellation);
            Say(log, clock, $"ours: {ours.Accuracy:P1} in {ours.Seconds:F0} s");
            var oursBf16 = options.WithBf16 ? RunOursInBf16(options, work.FullName, device, log, clock, cancellation) : null;
            Say(log, clock, "PyTorch…");
            var pytorch = PytorchLesson.Run(options, script, recipePath, body, threads, log);
            Say(log, clock, $"PyTorch: {pytorch.Outcome.Accuracy:P1} in {pytorch.Outcome.Seconds:F0} s");
            return new AccuracyReport(options, recipeJson, LessonRecipe.StageNames(recipe), body.Describe(), ours,
                OursLesson.Options(work.FullName).WeightDecay, pytorch, threads, DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds)
            { TrainImages = bunch.Train.Count, ValidImages = bunch.Valid.Count, OursBf16 = oursBf16 };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Our side once more in bf16, in its own folder (no checkpoint or cached activation shared with the fp32 run).</summary>
    private static LessonOutcome RunOursInBf16(AccuracyOptions options, string work, TorchSharp.torch.Device device, TextWriter log, Stopwatch clock,
        CancellationToken cancellation)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "bf16")).FullName;
        Say(log, clock, "ours in bf16…");
        var outcome = OursLesson.Run(RecipeParser.Parse(LessonRecipe.Json(options, "bf16")), folder, device, log, cancellation);
        if (outcome.Precision != "bf16")
            throw new AccuracyBenchException($"--with-bf16: our learner computed in {outcome.Precision}, not bf16 (this CPU has no AVX512_BF16 or AMX?)");
        Say(log, clock, $"ours in bf16: {outcome.Accuracy:P1} in {outcome.Seconds:F0} s");
        return outcome;
    }

    /// <summary>The dataset both sides read: <c>train/</c> and <c>valid/</c> class folders, opened as ours opens them.</summary>
    private static DataBunch OpenDataset(string folder)
    {
        if (!Directory.Exists(folder)) throw new AccuracyBenchException($"--data {folder}: no such folder");
        var missing = new[] { "train", "valid" }.Where(part => !Directory.Exists(Path.Combine(folder, part))).ToArray();
        if (missing.Length > 0)
            throw new AccuracyBenchException($"--data {folder}: needs train/ and valid/ class folders (missing {string.Join(", ", missing)}/)");
        try { return DatasetLocator.Open(Path.GetFullPath(folder)); }
        catch (DatasetException e) { throw new AccuracyBenchException($"--data {folder}: {e.Message}", e); }
    }

    private static void Say(TextWriter log, Stopwatch clock, string message)
    {
        lock (log) log.WriteLine($"bench accuracy [{clock.Elapsed.TotalSeconds,5:F0} s] {message}");
    }
}
