using System.CommandLine;
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

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "a checkpoint saved by a run (models/RUN_ID/NAME.ckpt)", Required = true, HelpName = "CHECKPOINT.ckpt" };
        var output = new Option<string>("--out") { Description = "the ONNX file to write", Required = true, HelpName = "MODEL.onnx" };
        var size = CliOptions.OptionalCount("--size", "input size in pixels; default: the size the checkpoint was trained at", MinimumSize, MaximumSize);
        var command = new Command("export", "Write the classifier as one ONNX file (RGB in [0, 1] → probabilities)") { model, output, size };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(model), parsed.GetRequiredValue(output), parsed.GetValue(size), parsed.InvocationConfiguration));
        return command;
    }

    private static int Run(string model, string target, int? size, InvocationConfiguration console)
    {
        try
        {
            using var saved = SavedClassifier.Open(model);
            var imageSize = size ?? saved.Info.ImageSize
                ?? throw new InvalidDataException($"{model} does not record its image size; give --size N");
            AtomicFile.Write(target, stream => ClassifierOnnxExport.Write(saved.Model, new ClassifierExportInfo(saved.Info.Classes, imageSize, saved.Info.Architecture), stream));
            console.Output.WriteLine($"wrote {target}: {saved.Info.Architecture}, {saved.Info.Classes.Count} classes, input {imageSize}×{imageSize} RGB in [0, 1]");
            return CommandLineInvocation.Succeeded;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or InvalidOperationException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return CommandLineInvocation.Failed;
        }
    }
}
