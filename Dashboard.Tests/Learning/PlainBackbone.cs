using Dashboard.Training.Models;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>Two convolutions without BatchNorm.</summary>
public sealed class PlainBackbone : Backbone
{
    private readonly nn.Module<Tensor, Tensor> early = nn.Conv2d(3, 8, 3, stride: 2, padding: 1);
    private readonly nn.Module<Tensor, Tensor> late = nn.Conv2d(8, 16, 3, stride: 2, padding: 1);

    public PlainBackbone() : base(nameof(PlainBackbone)) => RegisterComponents();

    public override string Architecture => "plain";
    public override int FeatureChannels => 16;
    public override IReadOnlyList<nn.Module> LayerGroups => [early, late];
    public override Tensor ForwardGroup(int group, Tensor input) => group == 0 ? early.forward(input) : late.forward(input);
}
