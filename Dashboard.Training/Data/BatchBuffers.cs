using System.Collections.Concurrent;

namespace Dashboard.Training.Data;

/// <summary>
/// Float buffers of one exact length (a full batch of CHW images), reused batch after batch by one loader: the decode
/// side rents, the consumer returns after copying into a tensor. Only the batches in flight (prefetch + 2) ever exist,
/// so after the first few batches an epoch allocates no pixel memory. <see cref="System.Buffers.ArrayPool{T}.Shared"/>
/// rounded a 224 px batch of 32 (19 MB) up to 32 MB and, with the renting and returning threads apart and seconds
/// between batches, often handed out a fresh array.
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
