using Dashboard.Training.Models.ResNet;
using Dashboard.Training.Models.Weights;

namespace Dashboard.Training.Models.Torchvision;

/// <summary>
/// ResNet-18/34/50 with torchvision's module names and ImageNet RGB mean/std normalisation, for weights
/// saved by PyTorch (<c>torch.save(model.state_dict())</c> or safetensors). The classifier (<c>fc.*</c>) is ignored.
/// </summary>
public sealed class TorchvisionResNet : ResNetBackbone
{
    private const string ClassifierPrefix = "fc.";

    private TorchvisionResNet(ResNetLayout layout) : base(layout.Architecture, layout, InputNormalisation.ImageNetRgb) { }

    /// <summary>The architectures this class can build.</summary>
    public static IReadOnlyCollection<string> Architectures => ResNetLayout.Torchvision.Keys.ToList();

    /// <summary>A randomly initialised network; <paramref name="architecture"/> is resnet18, resnet34 or resnet50.</summary>
    public static TorchvisionResNet Create(string architecture) =>
        ResNetLayout.Torchvision.TryGetValue(architecture, out var layout)
            ? new TorchvisionResNet(layout)
            : throw new ArgumentException(
                $"Unknown torchvision ResNet '{architecture}'; expected one of: {string.Join(", ", Architectures)}.", nameof(architecture));

    /// <summary>Builds <paramref name="architecture"/> and loads a state_dict file into it (strict, except <c>fc.*</c>).</summary>
    public static TorchvisionResNet Load(string architecture, string weightsPath)
    {
        var network = Create(architecture);
        try
        {
            network.LoadWeights(weightsPath);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Loads a <c>.pth</c>/<c>.safetensors</c> state_dict into this network (strict, except <c>fc.*</c>).</summary>
    public void LoadWeights(string weightsPath)
    {
        var stateDict = StateDictFiles.Read(weightsPath);
        try
        {
            StateDictLoader.Load(this, stateDict, weightsPath, key => key.StartsWith(ClassifierPrefix, StringComparison.Ordinal));
        }
        finally
        {
            foreach (var tensor in stateDict.Values)
                tensor.Dispose();
        }
    }
}
