using Dashboard.Training.Models;
using Dashboard.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.ResNet;

/// <summary>
/// torchvision's <c>Bottleneck</c> (ResNet v1.5: the stride sits on the 3×3 convolution):
/// 1×1 → 3×3 → 1×1 (×<see cref="ResNetLayout.BottleneckExpansion"/> channels), plus the shortcut, then ReLU.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly Conv2d conv2;
    private readonly SafeBatchNorm bn2;
    private readonly Conv2d conv3;
    private readonly SafeBatchNorm bn3;
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    public Bottleneck(long inChannels, long width, long stride) : base(nameof(Bottleneck))
    {
        long outChannels = width * ResNetLayout.BottleneckExpansion;
        conv1 = ResNetConvolutions.Conv1x1(inChannels, width, stride: 1);
        bn1 = SafeBatchNorm.TwoD(width);
        conv2 = ResNetConvolutions.Conv3x3(width, width, stride);
        bn2 = SafeBatchNorm.TwoD(width);
        conv3 = ResNetConvolutions.Conv1x1(width, outChannels, stride: 1);
        bn3 = SafeBatchNorm.TwoD(outChannels);
        relu = nn.ReLU();
        downsample = ResNetConvolutions.DownsampleIfNeeded(inChannels, outChannels, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = relu.forward(bn1.forward(conv1.forward(input)));
        hidden = relu.forward(bn2.forward(conv2.forward(hidden)));
        var main = bn3.forward(conv3.forward(hidden));
        var shortcut = downsample?.forward(input) ?? input;
        return relu.forward(main.add(shortcut, TorchScalars.One)).MoveToOuterDisposeScope();
    }
}
