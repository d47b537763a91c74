using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Training;
using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Prediction;

namespace Dashboard.Cli;

/// <summary>
/// <c>predict --model CHECKPOINT.ckpt --images DIR_OR_FILE [DIR_OR_FILE…] --out predictions.csv [--top K] [--batch-size N] [--tta]</c>:
/// classifies every image (folders searched recursively) as validation preprocesses it, and writes one CSV line per image:
/// file, top-1 label, its probability, the top K as JSON, and the error for a file that could not be read; <c>--tta</c> averages
/// the plain view and four augmented ones, as the learner's TTA, with the augmentation the checkpoint records. Progress goes
/// to stderr. Exit codes: 0 written (unreadable files are listed in the CSV and on stderr), 1 the model cannot be used,
/// 2 the command line is wrong or names no image.
/// </summary>
public static class PredictCommand
{
    private const int MaximumCount = 1024;
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "a checkpoint saved by a run (models/RUN_ID/NAME.ckpt)", Required = true, HelpName = "CHECKPOINT.ckpt" };
        var images = new Option<string[]>("--images") { Description = "image files or folders (searched recursively)", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore, HelpName = "DIR_OR_FILE" };
        var output = new Option<string>("--out") { Description = "the CSV to write: file,label,probability,top,error", Required = true, HelpName = "predictions.csv" };
        var top = CliOptions.Count("--top", "classes listed per image", 1, MaximumCount, new PredictOptions().Top);
        var batchSize = CliOptions.Count("--batch-size", "images per forward pass", 1, MaximumCount, new PredictOptions().BatchSize);
        var tta = new Option<bool>("--tta") { Description = "average the plain view and four augmented ones, as the learner's TTA" };
        var command = new Command("predict", "Classify images with a saved model (one CSV line per image)") { model, images, output, top, batchSize, tta };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(model), parsed.GetRequiredValue(images), parsed.GetRequiredValue(output),
            new PredictOptions { Top = parsed.GetValue(top), BatchSize = parsed.GetValue(batchSize), Tta = parsed.GetValue(tta) }, parsed.InvocationConfiguration));
        return command;
    }

    private static int Run(string model, string[] images, string target, PredictOptions options, InvocationConfiguration console)
    {
        var missing = images.Where(path => !File.Exists(path) && !Directory.Exists(path)).ToArray();
        if (missing.Length > 0)
        {
            console.Error.WriteLine($"error: no such file or folder: {string.Join(", ", missing)}");
            return CommandLineInvocation.Usage;
        }
        var files = images.SelectMany(Files).ToArray();
        if (files.Length == 0)
        {
            console.Error.WriteLine($"error: no image files ({string.Join(", ", ImageExtensions)}) in {string.Join(", ", images)}");
            return CommandLineInvocation.Usage;
        }
        try
        {
            using var saved = SavedClassifier.Open(model);
            IReadOnlyList<ImagePrediction> predictions;
            using (var progress = CountProgress.For(console.Error, "predict", files.Length))
                predictions = ImagePredictor.Predict(saved, files, options, progress: progress);
            AtomicFile.Write(target, stream => WriteCsv(stream, predictions));
            foreach (var failed in predictions.Where(p => p.Error is not null)) console.Error.WriteLine($"skipped {failed.File}: {failed.Error}");
            console.Output.WriteLine($"wrote {target}: {predictions.Count(p => p.Error is null)} of {files.Length} images classified");
            return CommandLineInvocation.Succeeded;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return CommandLineInvocation.Failed;
        }
    }

    private static void WriteCsv(Stream stream, IReadOnlyList<ImagePrediction> predictions)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        writer.WriteLine("file,label,probability,top,error");
        foreach (var p in predictions)
        {
            var best = p.Predictions.FirstOrDefault();
            var top = JsonSerializer.Serialize(p.Predictions.Select(c => new { label = c.Label, probability = Math.Round(c.Probability, 6) }));
            writer.WriteLine(string.Join(',', Field(p.File), Field(best?.Label ?? ""),
                best is null ? "" : best.Probability.ToString("0.######", CultureInfo.InvariantCulture), Field(p.Predictions.Count == 0 ? "" : top), Field(p.Error ?? "")));
        }
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static IEnumerable<string> Files(string path) => Directory.Exists(path)
        ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsImage).Order(StringComparer.Ordinal)
        : [path];

    private static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
