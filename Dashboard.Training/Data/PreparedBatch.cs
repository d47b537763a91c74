using System.Buffers;
using TorchSharp;

namespace Dashboard.Training.Data;

/// <summary>
/// A batch decoded into a pooled float buffer, waiting for the consumer. Turning it into a <see cref="Batch"/>
/// copies the buffer into a new tensor once and returns the buffer to the pool.
/// </summary>
internal sealed class PreparedBatch
{
    private float[]? pixels;

    public PreparedBatch(float[] pixels, IReadOnlyList<DataItem> items, int imageSize)
    {
        (this.pixels, Items, ImageSize) = (pixels, items, imageSize);
    }

    public IReadOnlyList<DataItem> Items { get; }

    public int ImageSize { get; }

    /// <summary>Creates the tensors on the calling thread (so they join its dispose scope) and frees the buffer.</summary>
    public Batch ToBatch()
    {
        var buffer = pixels ?? throw new ObjectDisposedException(nameof(PreparedBatch));
        try
        {
            var length = Items.Count * PixelPacking.FloatsPerImage(ImageSize, ImageSize);
            var images = torch.tensor(buffer.AsMemory(0, length), [Items.Count, 3, ImageSize, ImageSize]);
            var labels = torch.tensor(Items.Select(item => (long)item.Label).ToArray(), [Items.Count]);
            return new Batch(images, labels, Items);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Returns the buffer to the pool without making tensors (a batch nobody will consume).</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref pixels, null);
        if (buffer is not null) ArrayPool<float>.Shared.Return(buffer);
    }
}
