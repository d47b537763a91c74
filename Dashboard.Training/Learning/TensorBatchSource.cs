using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>Batches sliced from tensors held in memory (cached activations, or small in-memory datasets).</summary>
public sealed class TensorBatchSource(Tensor inputs, Tensor targets, int batchSize, bool shuffle, int seed) : IBatchSource
{
    public int ItemCount => (int)targets.shape[0];
    public int BatchesPerEpoch => (ItemCount + batchSize - 1) / batchSize;

    public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
    {
        var order = Order(epoch);
        for (int start = 0; start < ItemCount; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, ItemCount - start);
            using var index = torch.tensor(order.AsSpan(start, count).ToArray(), device: inputs.device);
            yield return new LabeledBatch(inputs.index_select(0, index), targets.index_select(0, index));
        }
    }

    private long[] Order(int epoch)
    {
        var order = Enumerable.Range(0, ItemCount).Select(i => (long)i).ToArray();
        if (shuffle) new Random(unchecked(seed * 1_000_003 + epoch)).Shuffle(order);
        return order;
    }
}
