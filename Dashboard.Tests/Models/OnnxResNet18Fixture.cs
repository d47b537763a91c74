using Dashboard.Training.Models;
using Dashboard.Training.Models.Onnx;

namespace Dashboard.Tests.Models;

/// <summary>One import of the bundled ResNet-18 (≈2 s) shared by the tests of a class, in eval mode.</summary>
public sealed class OnnxResNet18Fixture : IDisposable
{
    public OnnxResNet18Fixture()
    {
        Model = OnnxResNet18.LoadPretrained();
        Model.eval();
    }

    public OnnxResNet18 Model { get; }

    public static string ModelPath => PretrainedFiles.ResNet18Onnx;

    public void Dispose() => Model.Dispose();
}
