using static TorchSharp.torch;

namespace Dashboard.Training.Data;

/// <summary>
/// One mini-batch: <see cref="Images"/> float32 (n, 3, size, size) RGB in [0, 1], and <see cref="Labels"/>
/// int64 (n), −1 for unlabelled items. The batch owns both tensors: the consumer disposes it (<c>using var batch</c>),
/// or creates it inside a <c>torch.NewDisposeScope()</c>, which then disposes the tensors with the scope.
/// </summary>
public sealed class Batch : IDisposable
{
    public Batch(Tensor images, Tensor labels, IReadOnlyList<DataItem> items)
    {
        (Images, Labels, Items) = (images, labels, items);
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    /// <summary>The items, in the order of the tensors' first dimension.</summary>
    public IReadOnlyList<DataItem> Items { get; }

    public int Count => Items.Count;

    /// <summary>Moves both tensors out of the current dispose scope, e.g. to keep a batch beyond one iteration.</summary>
    public Batch MoveToOuterDisposeScope()
    {
        Images.MoveToOuterDisposeScope();
        Labels.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
