using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>
/// A pretrained body, concat pooling and a new classifier head. Layer groups: the body's groups, then the head.
/// The leading body groups with no trainable parameter run without autograd: a frozen body costs a forward pass only.
/// </summary>
public sealed class TransferModel : nn.Module<Tensor, Tensor>
{
    private readonly Backbone body;
    private readonly AdaptiveConcatPool pool;
    private readonly nn.Module<Tensor, Tensor> head;
    private int groupsWithoutGradient;
    private bool channelsLast = true;

    public TransferModel(Backbone body, int classes, HeadOptions headOptions) : base(nameof(TransferModel))
    {
        this.body = body;
        pool = new AdaptiveConcatPool();
        head = ClassifierHead.Create(2 * body.FeatureChannels, classes, headOptions);
        RegisterComponents();
    }

    public Backbone Body => body;
    public nn.Module<Tensor, Tensor> Head => head;

    /// <summary>Body groups early to late, then the head: freezing and differential learning rates address these.</summary>
    public IReadOnlyList<nn.Module> LayerGroups => [.. body.LayerGroups, head];

    /// <summary>The first this many layer groups do not train (see <see cref="FreezeTo"/>).</summary>
    public int FrozenGroups { get; private set; }

    /// <summary>
    /// Images enter the body in channels-last (NHWC) memory order, so libtorch's oneDNN convolutions run in their fast
    /// layout and every layer after keeps it (TorchSharp has no memory-format argument; the strides of a permuted copy
    /// are what libtorch reads as channels-last). Measured here: see README, Performance. Off gives the plain NCHW layout,
    /// as does a body that does not support it (<see cref="Backbone.SupportsChannelsLast"/>) and a machine whose libtorch
    /// computes it wrongly (<see cref="ChannelsLastCheck"/>).
    /// </summary>
    public bool ChannelsLast
    {
        get => channelsLast && body.SupportsChannelsLast && ChannelsLastCheck.LayoutsAgree;
        set => channelsLast = value;
    }

    /// <summary>Leading body groups that run under <c>no_grad</c>: those whose parameters are all frozen.</summary>
    public int GroupsWithoutGradient => groupsWithoutGradient;

    public void FreezeTo(int groups, bool trainFrozenBatchNorm)
    {
        LayerFreezing.FreezeTo(LayerGroups, groups, trainFrozenBatchNorm);
        FrozenGroups = groups;
        groupsWithoutGradient = body.LayerGroups.TakeWhile(g => g.parameters().All(p => !p.requires_grad)).Count();
    }

    /// <summary>The body's activations that precompute caches: pooled features, (N, 2C).</summary>
    public Tensor PooledFeatures(Tensor images)
    {
        using var scope = NewDisposeScope();
        var features = ChannelsLast ? images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : images;
        using (no_grad())
        {
            for (int g = 0; g < groupsWithoutGradient; g++) features = body.ForwardGroup(g, features);
        }
        for (int g = groupsWithoutGradient; g < body.LayerGroups.Count; g++) features = body.ForwardGroup(g, features);
        return pool.forward(features).MoveToOuterDisposeScope();
    }

    public Tensor Classify(Tensor pooledFeatures) => head.forward(pooledFeatures);

    /// <summary>The body's last feature map, (N, C, h, w) before pooling: the last convolutional stage, which Grad-CAM weighs.</summary>
    public Tensor FeatureMap(Tensor images)
    {
        using var scope = NewDisposeScope();
        return body.forward(ChannelsLast ? images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : images).MoveToOuterDisposeScope();
    }

    /// <summary>Class scores (before softmax) from a feature map: pooling and the head, the rest of <see cref="forward"/>.</summary>
    public Tensor ClassifyFeatureMap(Tensor featureMap)
    {
        using var pooled = pool.forward(featureMap);
        return head.forward(pooled);
    }

    public override Tensor forward(Tensor images)
    {
        using var features = PooledFeatures(images);
        return head.forward(features);
    }
}
