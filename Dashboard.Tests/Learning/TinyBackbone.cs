using Dashboard.Training.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Tests.Learning;

/// <summary>A real, small convolutional body with two layer groups, so learner tests run in seconds on two cores.</summary>
public sealed class TinyBackbone : Backbone
{
    private readonly Module<Tensor, Tensor> early;
    private readonly Module<Tensor, Tensor> late;

    public TinyBackbone() : base(nameof(TinyBackbone))
    {
        early = Sequential(("conv", Conv2d(3, 8, 3, stride: 2, padding: 1)), ("bn", SafeBatchNorm.TwoD(8)), ("relu", ReLU()));
        late = Sequential(("conv", Conv2d(8, 16, 3, stride: 2, padding: 1)), ("bn", SafeBatchNorm.TwoD(16)), ("relu", ReLU()));
        RegisterComponents();
    }

    public override string Architecture => "tiny";
    public override int FeatureChannels => 16;
    public override IReadOnlyList<Module> LayerGroups => [early, late];

    public override Tensor ForwardGroup(int group, Tensor input) => group == 0 ? early.forward(input) : late.forward(input);
}
