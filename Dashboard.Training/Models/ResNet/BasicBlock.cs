using Dashboard.Training.Models;
using Dashboard.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.ResNet;

/// <summary>
/// torchvision's <c>BasicBlock</c>: 3×3 conv → BN → ReLU → 3×3 conv → BN, plus the shortcut, then ReLU.
/// Field names are the state_dict keys (<c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample</c>).
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly Conv2d conv2;
    private readonly SafeBatchNorm bn2;
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    public BasicBlock(long inChannels, long width, long stride) : base(nameof(BasicBlock))
    {
        conv1 = ResNetConvolutions.Conv3x3(inChannels, width, stride);
        bn1 = SafeBatchNorm.TwoD(width);
        conv2 = ResNetConvolutions.Conv3x3(width, width, stride: 1);
        bn2 = SafeBatchNorm.TwoD(width);
        relu = nn.ReLU();
        downsample = ResNetConvolutions.DownsampleIfNeeded(inChannels, width, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var main = bn2.forward(conv2.forward(relu.forward(bn1.forward(conv1.forward(input)))));
        var shortcut = downsample?.forward(input) ?? input;
        return relu.forward(main.add(shortcut, TorchScalars.One)).MoveToOuterDisposeScope();
    }
}
