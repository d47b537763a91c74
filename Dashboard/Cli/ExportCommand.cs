using Dashboard.Training;
using Dashboard.Training.Learning;
using Dashboard.Training.Models.Onnx.Export;

namespace Dashboard.Cli;

/// <summary>
/// <c>export --model CHECKPOINT.ckpt --out MODEL.onnx [--size N]</c>: the whole classifier as one ONNX file (see
/// <see cref="ClassifierOnnxExport"/>). The size defaults to the one the checkpoint was trained at. Exit codes: 0 written,
/// 1 the checkpoint cannot be exported (the message says why), 2 the command line is wrong.
/// </summary>
public static class ExportCommand
{
    private const int MinimumSize = 32;
    private const int MaximumSize = 1024;

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        (output, error) = (output ?? Console.Out, error ?? Console.Error);
        var (model, target) = (CommandLine.Option(args, "--model"), CommandLine.Option(args, "--out"));
        if (model is null || target is null)
        {
            error.WriteLine("usage: export --model CHECKPOINT.ckpt --out MODEL.onnx [--size N]");
            return 2;
        }
        int? size = null;
        if (CommandLine.Option(args, "--size") is string text)
        {
            if (!int.TryParse(text, out var parsed) || parsed < MinimumSize || parsed > MaximumSize)
            {
                error.WriteLine($"error: --size must be a whole number from {MinimumSize} to {MaximumSize}, not '{text}'");
                return 2;
            }
            size = parsed;
        }
        try
        {
            using var saved = SavedClassifier.Open(model);
            var imageSize = size ?? saved.Info.ImageSize
                ?? throw new InvalidDataException($"{model} does not record its image size; give --size N");
            AtomicFile.Write(target, stream => ClassifierOnnxExport.Write(saved.Model, new ClassifierExportInfo(saved.Info.Classes, imageSize, saved.Info.Architecture), stream));
            output.WriteLine($"wrote {target}: {saved.Info.Architecture}, {saved.Info.Classes.Count} classes, input {imageSize}×{imageSize} RGB in [0, 1]");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or InvalidOperationException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
