using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.ResNet;

/// <summary>
/// Turns RGB images in [0, 1] into what a set of pretrained weights was trained on:
/// optionally reverse the channels (RGB → BGR), multiply by <see cref="Scale"/>, subtract the
/// per-channel <see cref="Mean"/>, divide by the per-channel <see cref="StandardDeviation"/>.
/// Constants stay plain floats (not tensors) so they are no module state and follow the input's device.
/// </summary>
public sealed record InputNormalisation(bool ReverseChannels, float Scale, IReadOnlyList<float> Mean, IReadOnlyList<float> StandardDeviation)
{
    private const int ChannelDimension = 1;
    private const int ColourChannels = 3;

    /// <summary>torchvision's ImageNet statistics, RGB in [0, 1].</summary>
    public static readonly InputNormalisation ImageNetRgb =
        new(ReverseChannels: false, Scale: 1f, Mean: [0.485f, 0.456f, 0.406f], StandardDeviation: [0.229f, 0.224f, 0.225f]);

    /// <summary>Caffe/CNTK style: BGR in [0, 255] minus a per-channel mean (in BGR order), no scaling.</summary>
    public static InputNormalisation BgrMeanSubtraction(IReadOnlyList<float> bgrMean) =>
        new(ReverseChannels: true, Scale: byte.MaxValue, Mean: bgrMean, StandardDeviation: [1f, 1f, 1f]);

    public Tensor Apply(Tensor rgb)
    {
        if (rgb.dim() != 4 || rgb.shape[ChannelDimension] != ColourChannels)
            throw new ArgumentException($"Expected RGB images as (N, 3, H, W); got ({string.Join(", ", rgb.shape)}).", nameof(rgb));
        using var scope = NewDisposeScope();
        var ordered = ReverseChannels ? rgb.flip(ChannelDimension) : rgb;
        var mean = PerChannel(Mean, rgb);
        var standardDeviation = PerChannel(StandardDeviation, rgb);
        using var scale = Scale.ToScalar(); // disposed here, never left to the finalizer (see TorchScalars)
        return ordered.mul(scale).sub(mean).div(standardDeviation).MoveToOuterDisposeScope();
    }

    private static Tensor PerChannel(IReadOnlyList<float> values, Tensor like) =>
        tensor(values.ToArray(), dtype: like.dtype, device: like.device).view(1, ColourChannels, 1, 1);
}
