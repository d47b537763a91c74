using Dashboard.Training.Models.Onnx;
using Dashboard.Training.Models.ResNet;
using Dashboard.Training.Models.Torchvision;

namespace Dashboard.Training.Models;

/// <summary>
/// Chooses a backbone: without a weights file, ResNet-18 comes from the bundled ONNX model; with a
/// <c>.pth</c>/<c>.safetensors</c> state_dict, resnet18/34/50 are built torchvision-style and loaded from it.
/// </summary>
public static class Backbones
{
    /// <summary>Architectures that have a bundled pretrained file, usable without a weights path.</summary>
    public static IReadOnlyCollection<string> Bundled { get; } = [OnnxResNet18.ArchitectureName];

    /// <summary>Every architecture name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyCollection<string> Architectures => TorchvisionResNet.Architectures;

    /// <summary>Layer groups of a learner on this architecture: the body's groups and the head (fastai's lr_cut split).</summary>
    public static int LayerGroupCount(string architecture) =>
        ResNetLayout.Torchvision.ContainsKey(architecture) ? ResNetBackbone.BodyGroupCount + 1
        : throw new ArgumentException($"Unknown backbone architecture '{architecture}'; valid: {string.Join(", ", Architectures)}.", nameof(architecture));

    /// <param name="architecture">resnet18, resnet34 or resnet50 (case-insensitive).</param>
    /// <param name="weightsPath">A torchvision state_dict file, or null for the bundled pretrained weights.</param>
    /// <exception cref="ArgumentException">Unknown architecture, no bundled weights for it, or an unsupported file type.</exception>
    /// <exception cref="FileNotFoundException">The weights file does not exist.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the architecture.</exception>
    public static Backbone Create(string architecture, string? weightsPath = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (!ResNetLayout.Torchvision.ContainsKey(architecture))
            throw new ArgumentException(
                $"Unknown backbone architecture '{architecture}'; valid: {string.Join(", ", Architectures)}.", nameof(architecture));
        if (string.IsNullOrWhiteSpace(weightsPath))
            return Bundled.Contains(architecture, StringComparer.OrdinalIgnoreCase)
                ? OnnxResNet18.LoadPretrained()
                : throw new ArgumentException(
                    $"No bundled pretrained weights for '{architecture}' (bundled: {string.Join(", ", Bundled)}); " +
                    "give a .pth or .safetensors state_dict file.", nameof(weightsPath));
        return TorchvisionResNet.Load(architecture, weightsPath); // checks the file exists and its format
    }
}
