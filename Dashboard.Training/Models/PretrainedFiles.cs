namespace Dashboard.Training.Models;

/// <summary>
/// Finds the pretrained files the build copies into <c>pretrained/</c> next to the running assembly
/// (from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18).
/// </summary>
public static class PretrainedFiles
{
    public const string FolderName = "pretrained";
    public const string ResNet18OnnxFileName = "ResNet18.onnx";
    public const string ResNetPreprocessOnnxFileName = "ResNetPreprocess.onnx";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>The CNTK-exported ResNet-18 body (input: BGR, 0–255, minus the mean image).</summary>
    public static string ResNet18Onnx => Locate(ResNet18OnnxFileName);

    /// <summary>ML.NET's preprocessing graph for it, which holds the mean image.</summary>
    public static string ResNetPreprocessOnnx => Locate(ResNetPreprocessOnnxFileName);

    /// <summary>The full path of <paramref name="fileName"/> in <see cref="Folder"/>; FileNotFoundException naming it if absent.</summary>
    public static string Locate(string fileName)
    {
        string path = Path.Combine(Folder, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Pretrained file missing: {path}. It is copied there by building Dashboard.Training " +
                "(NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18).", path);
    }
}
