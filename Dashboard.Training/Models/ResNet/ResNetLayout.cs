namespace Dashboard.Training.Models.ResNet;

/// <summary>The two residual block designs of the ResNet paper.</summary>
public enum ResNetBlockKind
{
    /// <summary>Two 3×3 convolutions (ResNet-18/34).</summary>
    Basic,

    /// <summary>1×1 → 3×3 → 1×1 convolutions with 4× channel expansion (ResNet-50 and deeper).</summary>
    Bottleneck,
}

/// <summary>
/// The shape of a ResNet body: block design and number of blocks in each of the four stages
/// (torchvision's <c>layer1</c> … <c>layer4</c>).
/// </summary>
public sealed record ResNetLayout(string Architecture, ResNetBlockKind BlockKind, IReadOnlyList<int> BlocksPerStage)
{
    /// <summary>Output channels of the 7×7 stem convolution.</summary>
    public const int StemChannels = 64;

    /// <summary>Bottleneck blocks widen their output by this factor.</summary>
    public const int BottleneckExpansion = 4;

    /// <summary>Inner width of each stage's blocks; stages after the first halve the spatial size.</summary>
    public static readonly IReadOnlyList<int> StageWidths = [64, 128, 256, 512];

    public static readonly ResNetLayout ResNet18 = new("resnet18", ResNetBlockKind.Basic, [2, 2, 2, 2]);
    public static readonly ResNetLayout ResNet34 = new("resnet34", ResNetBlockKind.Basic, [3, 4, 6, 3]);
    public static readonly ResNetLayout ResNet50 = new("resnet50", ResNetBlockKind.Bottleneck, [3, 4, 6, 3]);

    /// <summary>The layouts torchvision publishes weights for, by architecture name.</summary>
    public static readonly IReadOnlyDictionary<string, ResNetLayout> Torchvision =
        new[] { ResNet18, ResNet34, ResNet50 }.ToDictionary(layout => layout.Architecture, StringComparer.OrdinalIgnoreCase);

    /// <summary>Output channels of a block relative to its inner width.</summary>
    public int Expansion => BlockKind == ResNetBlockKind.Bottleneck ? BottleneckExpansion : 1;

    /// <summary>Channels of the last feature map.</summary>
    public int FeatureChannels => StageWidths[^1] * Expansion;

    /// <summary>Spatial stride of the first block of a stage (the stem's max-pool already halved the first).</summary>
    public static int FirstBlockStride(int stageIndex) => stageIndex == 0 ? 1 : 2;
}
