using Dashboard.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.ResNet;

/// <summary>The bias-free convolutions ResNet blocks are made of, padded to keep "same" alignment.</summary>
internal static class ResNetConvolutions
{
    private const long SmallKernel = 3;
    private const long PointwiseKernel = 1;

    public static Conv2d Conv3x3(long inChannels, long outChannels, long stride) =>
        nn.Conv2d(inChannels, outChannels, SmallKernel, stride: stride, padding: SmallKernel / 2, bias: false);

    public static Conv2d Conv1x1(long inChannels, long outChannels, long stride) =>
        nn.Conv2d(inChannels, outChannels, PointwiseKernel, stride: stride, bias: false);

    /// <summary>
    /// The projection shortcut (<c>downsample.0</c> conv, <c>downsample.1</c> BN) when the block changes
    /// the spatial size or the channel count; null when the identity shortcut fits.
    /// </summary>
    public static Sequential? DownsampleIfNeeded(long inChannels, long outChannels, long stride) =>
        stride == 1 && inChannels == outChannels
            ? null
            : nn.Sequential(Conv1x1(inChannels, outChannels, stride), SafeBatchNorm.TwoD(outChannels));
}
