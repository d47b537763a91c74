using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>Inputs (images or cached activations) and int64 class targets. Owns both tensors.</summary>
public sealed class LabeledBatch(Tensor inputs, Tensor targets) : IDisposable
{
    public Tensor Inputs { get; } = inputs;
    public Tensor Targets { get; } = targets;
    public int Count => (int)Targets.shape[0];

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}

/// <summary>A finite sequence of batches per epoch. Consumers dispose each batch (or let a dispose scope do it).</summary>
public interface IBatchSource
{
    int ItemCount { get; }
    int BatchesPerEpoch { get; }
    IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation);
}
