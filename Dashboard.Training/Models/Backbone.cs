using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>
/// A pretrained convolutional body. Input: RGB images as float NCHW in [0, 1], any size; the backbone applies
/// its own input normalisation. Output: the last feature map, (N, <see cref="FeatureChannels"/>, h, w), before pooling.
/// The forward pass is the layer groups in order, so a learner can run a frozen prefix of them without autograd.
/// </summary>
public abstract class Backbone : nn.Module<Tensor, Tensor>
{
    protected Backbone(string name) : base(name) { }

    /// <summary>e.g. "resnet18".</summary>
    public abstract string Architecture { get; }

    /// <summary>Channels of the output feature map (512 for ResNet-18/34, 2048 for ResNet-50).</summary>
    public abstract int FeatureChannels { get; }

    /// <summary>
    /// Whether the body may run in channels-last memory order (see <see cref="TransferModel.ChannelsLast"/>). True unless a
    /// subclass knows a convolution of its own that libtorch cannot run in that layout.
    /// </summary>
    public virtual bool SupportsChannelsLast => true;

    /// <summary>Layer groups early to late, for freezing and differential learning rates (two for ResNets).</summary>
    public abstract IReadOnlyList<nn.Module> LayerGroups { get; }

    /// <summary>
    /// The part of the forward pass that layer group <paramref name="group"/> computes: group 0 takes the RGB input,
    /// each later group the previous group's output; the last group's output is the feature map.
    /// </summary>
    public abstract Tensor ForwardGroup(int group, Tensor input);

    public override Tensor forward(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var output = rgb;
        for (int group = 0; group < LayerGroups.Count; group++) output = ForwardGroup(group, output);
        return output.MoveToOuterDisposeScope();
    }
}
