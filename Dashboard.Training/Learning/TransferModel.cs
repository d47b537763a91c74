using Dashboard.Training.Models;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>
/// A pretrained body, concat pooling and a new classifier head. Layer groups: the body's groups, then the head.
/// </summary>
public sealed class TransferModel : nn.Module<Tensor, Tensor>
{
    private readonly Backbone body;
    private readonly AdaptiveConcatPool pool;
    private readonly nn.Module<Tensor, Tensor> head;

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

    /// <summary>The frozen-body activations that precompute caches: pooled features, (N, 2C).</summary>
    public Tensor PooledFeatures(Tensor images)
    {
        using var featureMap = body.forward(images);
        return pool.forward(featureMap);
    }

    public Tensor Classify(Tensor pooledFeatures) => head.forward(pooledFeatures);

    public override Tensor forward(Tensor images)
    {
        using var features = PooledFeatures(images);
        return head.forward(features);
    }
}
