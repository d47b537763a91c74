using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.ResNet;

/// <summary>Builds torchvision's <c>layer1</c> … <c>layer4</c>: one <see cref="Sequential"/> of blocks per stage.</summary>
internal static class ResNetStages
{
    public const int StageCount = 4;

    public static IReadOnlyList<Sequential> Create(ResNetLayout layout)
    {
        if (layout.BlocksPerStage.Count != StageCount || layout.BlocksPerStage.Any(count => count < 1))
            throw new ArgumentException(
                $"A ResNet needs {StageCount} stages of at least one block; got [{string.Join(", ", layout.BlocksPerStage)}].",
                nameof(layout));
        var stages = new List<Sequential>(StageCount);
        long inChannels = ResNetLayout.StemChannels;
        for (int stage = 0; stage < StageCount; stage++)
        {
            long width = ResNetLayout.StageWidths[stage];
            var blocks = Enumerable.Range(0, layout.BlocksPerStage[stage])
                .Select(block => CreateBlock(layout.BlockKind, block == 0 ? inChannels : width * layout.Expansion,
                                             width, block == 0 ? ResNetLayout.FirstBlockStride(stage) : 1));
            stages.Add(nn.Sequential(blocks));
            inChannels = width * layout.Expansion;
        }
        return stages;
    }

    private static nn.Module<Tensor, Tensor> CreateBlock(ResNetBlockKind kind, long inChannels, long width, long stride) =>
        kind == ResNetBlockKind.Bottleneck
            ? new Bottleneck(inChannels, width, stride)
            : new BasicBlock(inChannels, width, stride);
}
