using Dashboard.Training.Models.Torchvision;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>Writes state_dict files the way PyTorch users produce them, for the loading tests.</summary>
internal static class TorchvisionWeightsFiles
{
    private const long ImageNetClasses = 1000;

    /// <summary>A random network whose BatchNorm statistics are perturbed too, so buffers are tested as well.</summary>
    public static TorchvisionResNet RandomNetwork(string architecture, ulong seed)
    {
        using var generator = new Generator(seed);
        var network = TorchvisionResNet.Create(architecture);
        using var noGrad = no_grad();
        foreach (var (name, buffer) in network.named_buffers())
            if (name.EndsWith("running_mean", StringComparison.Ordinal))
                buffer.copy_(randn(buffer.shape, generator: generator));
            else if (name.EndsWith("running_var", StringComparison.Ordinal))
                buffer.copy_(rand(buffer.shape, generator: generator) + 0.5);
        return network;
    }

    /// <summary>Saves the state_dict as <paramref name="extension"/> (.safetensors or .pth), optionally with an ImageNet <c>fc</c>.</summary>
    public static string Save(nn.Module network, string folder, string extension, bool withClassifier = false)
    {
        string path = Path.Combine(folder, "weights" + extension);
        var stateDict = network.state_dict();
        if (withClassifier)
        {
            stateDict["fc.weight"] = zeros(ImageNetClasses, LastChannels(network));
            stateDict["fc.bias"] = zeros(ImageNetClasses);
        }
        if (extension == ".safetensors")
            Safetensors.SaveStateDict(path, stateDict);
        else
            PyTorchPickler.PickleStateDict(path, stateDict);
        return path;
    }

    private static long LastChannels(nn.Module network) =>
        network.state_dict().Last(entry => entry.Key.EndsWith("running_mean", StringComparison.Ordinal)).Value.shape[0];
}
