using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>Concatenates global max and average pooling of a feature map and flattens: (N, C, h, w) → (N, 2C).</summary>
public sealed class AdaptiveConcatPool : nn.Module<Tensor, Tensor>
{
    public AdaptiveConcatPool() : base(nameof(AdaptiveConcatPool)) { }

    public override Tensor forward(Tensor features)
    {
        using var max = nn.functional.adaptive_max_pool2d(features, [1L, 1L]);
        using var average = nn.functional.adaptive_avg_pool2d(features, [1L, 1L]);
        using var both = cat([max, average], 1);
        return both.flatten(1);
    }
}
