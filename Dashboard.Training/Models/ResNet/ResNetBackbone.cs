using Dashboard.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.ResNet;

/// <summary>
/// A ResNet body laid out like torchvision's <c>ResNet</c> without <c>avgpool</c>/<c>fc</c>: fields are named
/// after the state_dict keys (<c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1</c>, <c>layer2.0.downsample.0</c>, …),
/// so weights map by name. Subclasses differ only in where the weights come from and how input is normalised.
/// </summary>
public abstract class ResNetBackbone : Backbone
{
    /// <summary>Early body (stem, layer1, layer2) and late body (layer3, layer4), as fastai's <c>lr_cut</c> splits a ResNet.</summary>
    public const int BodyGroupCount = 2;

    private const long InputChannels = 3; // RGB
    private const long StemKernel = 7;
    private const long StemStride = 2;
    private const long PoolKernel = 3;
    private const long PoolStride = 2;
    private static readonly long[] SpatialDimensions = [2, 3];

    private readonly Conv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly IReadOnlyList<nn.Module> layerGroups;

    protected ResNetBackbone(string name, ResNetLayout layout, InputNormalisation normalisation) : base(name)
    {
        Layout = layout;
        Normalisation = normalisation;
        conv1 = nn.Conv2d(InputChannels, ResNetLayout.StemChannels, StemKernel, stride: StemStride, padding: StemKernel / 2, bias: false);
        bn1 = SafeBatchNorm.TwoD(ResNetLayout.StemChannels);
        relu = nn.ReLU();
        maxpool = nn.MaxPool2d(PoolKernel, stride: PoolStride, padding: PoolKernel / 2);
        var stages = ResNetStages.Create(layout);
        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3]);
        RegisterComponents();
        // Kept out of the registered components on purpose: the groups only view modules registered above.
        layerGroups =
        [
            new LayerGroup("early_body", (nameof(conv1), conv1), (nameof(bn1), bn1), (nameof(layer1), layer1), (nameof(layer2), layer2)),
            new LayerGroup("late_body", (nameof(layer3), layer3), (nameof(layer4), layer4)),
        ];
    }

    public ResNetLayout Layout { get; }

    public InputNormalisation Normalisation { get; }

    public override string Architecture => Layout.Architecture;

    public override int FeatureChannels => Layout.FeatureChannels;

    /// <summary>
    /// Not for bottleneck ResNets: libtorch 2.10's oneDNN dies with SIGFPE (a division by zero in its brgemm 1x1 blocking
    /// estimate) on the stride-2 1x1 downsampling convolutions of 512 and 1024 input channels in channels-last order on
    /// AMD Zen 5 CPUs (48 KB L1d), at every image size; the plain layout runs them. Basic-block ResNets (18, 34) are safe:
    /// their 1x1 downsampling convolutions were checked in that layout at batch 1 to 64 and 2 to 56 px feature maps.
    /// </summary>
    public override bool SupportsChannelsLast => Layout.BlockKind != ResNetBlockKind.Bottleneck;

    /// <summary>Early body (stem, layer1, layer2) then late body (layer3, layer4).</summary>
    public override IReadOnlyList<nn.Module> LayerGroups => layerGroups;

    /// <summary>Early body: normalisation, stem, layer1, layer2. Late body: layer3, layer4.</summary>
    public override Tensor ForwardGroup(int group, Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = group switch
        {
            0 => EarlyBody(Normalisation.Apply(input)),
            1 => layer4.forward(layer3.forward(input)),
            _ => throw new ArgumentOutOfRangeException(nameof(group), group, "a ResNet body has layer groups 0 and 1"),
        };
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The body alone, on input that is already normalised the way the weights expect.</summary>
    public Tensor ForwardBody(Tensor normalisedInput)
    {
        using var scope = NewDisposeScope();
        return ForwardGroup(1, EarlyBody(normalisedInput)).MoveToOuterDisposeScope();
    }

    private Tensor EarlyBody(Tensor normalisedInput) =>
        layer2.forward(layer1.forward(maxpool.forward(relu.forward(bn1.forward(conv1.forward(normalisedInput))))));

    /// <summary>The classic pooled descriptor: (N, C) global average of <see cref="forward"/>.</summary>
    public Tensor PooledFeatures(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        return GlobalAveragePool(forward(rgb)).MoveToOuterDisposeScope();
    }

    /// <summary>(N, C, h, w) → (N, C) mean over the spatial positions.</summary>
    public static Tensor GlobalAveragePool(Tensor featureMap) => featureMap.mean(SpatialDimensions);
}
