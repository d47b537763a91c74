using Dashboard.Training.Models.ResNet;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.Onnx;

/// <summary>
/// The ImageNet ResNet-18 shipped with ML.NET (a CNTK 2.6 export), imported from ONNX into torchvision-named
/// modules. Its input convention: BGR, 0–255, minus a per-channel mean read from ResNetPreprocess.onnx.
/// Note: the graph has three blocks in its last stage (block counts 2, 2, 2, 3), read from the file.
/// </summary>
public sealed class OnnxResNet18 : ResNetBackbone
{
    public const string ArchitectureName = "resnet18";

    private OnnxResNet18(ResNetLayout layout, InputNormalisation normalisation)
        : base(ArchitectureName, layout, normalisation) { }

    /// <summary>The copy in <c>pretrained/</c> next to the application; see <see cref="PretrainedFiles"/>.</summary>
    public static OnnxResNet18 LoadPretrained() =>
        Load(PretrainedFiles.ResNet18Onnx, PretrainedFiles.ResNetPreprocessOnnx);

    /// <param name="modelPath">The ResNet body graph.</param>
    /// <param name="preprocessPath">The preprocessing graph holding the mean image.</param>
    public static OnnxResNet18 Load(string modelPath, string preprocessPath)
    {
        var normalisation = InputNormalisation.BgrMeanSubtraction(OnnxMeanImage.ReadBgrChannelMeans(preprocessPath));
        var graph = new OnnxGraph(OnnxModelFile.Read(modelPath).Graph);
        var structure = OnnxResNetWalker.Walk(graph);
        var network = new OnnxResNet18(structure.ToLayout(ArchitectureName), normalisation);
        try
        {
            using var scope = NewDisposeScope(); // frees the intermediate state_dict tensors
            Weights.StateDictLoader.Load(network, OnnxResNetStateDict.Build(graph, structure), modelPath, ignoreKey: _ => false);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
