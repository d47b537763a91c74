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
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"];

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        (output, error) = (output ?? Console.Out, error ?? Console.Error);
        var (model, target, images) = (CommandLine.Option(args, "--model"), CommandLine.Option(args, "--out"), Values(args, "--images"));
        if (model is null || target is null || images.Count == 0)
        {
            error.WriteLine("usage: predict --model CHECKPOINT.ckpt --images DIR_OR_FILE [DIR_OR_FILE...] --out predictions.csv [--top K] [--batch-size N] [--tta]");
            return 2;
        }
        var options = new PredictOptions { Tta = args.Contains("--tta") };
        try { options = options with { Top = Count(args, "--top") ?? options.Top, BatchSize = Count(args, "--batch-size") ?? options.BatchSize }; }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        var missing = images.Where(path => !File.Exists(path) && !Directory.Exists(path)).ToArray();
        if (missing.Length > 0)
        {
            error.WriteLine($"error: no such file or folder: {string.Join(", ", missing)}");
            return 2;
        }
        var files = images.SelectMany(Files).ToArray();
        if (files.Length == 0)
        {
            error.WriteLine($"error: no image files ({string.Join(", ", ImageExtensions)}) in {string.Join(", ", images)}");
            return 2;
        }
        try
        {
            using var saved = SavedClassifier.Open(model);
            var progress = new Progress<int>(done => error.WriteLine($"predicted {done}/{files.Length}"));
            var predictions = ImagePredictor.Predict(saved, files, options, progress: progress);
            AtomicFile.Write(target, stream => WriteCsv(stream, predictions));
            foreach (var failed in predictions.Where(p => p.Error is not null)) error.WriteLine($"skipped {failed.File}: {failed.Error}");
            output.WriteLine($"wrote {target}: {predictions.Count(p => p.Error is null)} of {files.Length} images classified");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
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

    /// <summary>The values after <paramref name="flag"/> up to the next option.</summary>
    private static List<string> Values(string[] args, string flag)
    {
        int at = Array.IndexOf(args, flag);
        return at < 0 ? [] : args.Skip(at + 1).TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToList();
    }

    private static int? Count(string[] args, string flag) => CommandLine.Option(args, flag) is string text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= 1024 ? value
            : throw new FormatException($"{flag} needs a whole number from 1 to 1024, not '{text}'")
        : null;
}
