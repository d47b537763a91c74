using System.Collections.Concurrent;

namespace Dashboard.Training.Data;

/// <summary>
/// Float buffers of one exact length (one CHW image), reused batch after batch by one loader: the threads preparing
/// items rent, the consumer returns after copying into a tensor. Only the images in flight (a few batches') ever exist,
/// so after the first few batches an epoch allocates no pixel memory. A buffer lost (a batch nobody consumed) is left to
/// the garbage collector.
/// </summary>
internal sealed class BatchBuffers(int length)
{
    private readonly ConcurrentQueue<float[]> free = new();

    public int Length => length;

    public float[] Rent() => free.TryDequeue(out var buffer) ? buffer : GC.AllocateUninitializedArray<float>(length);

    public void Return(float[] buffer)
    {
        if (buffer.Length == length) free.Enqueue(buffer);
    }
}
