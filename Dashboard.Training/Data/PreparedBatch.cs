using System.Runtime.InteropServices;
using TorchSharp;

namespace Dashboard.Training.Data;

/// <summary>
/// A batch decoded into a reusable float buffer, waiting for the consumer. Turning it into a <see cref="Batch"/>
/// copies the buffer once into a new tensor's own (native) memory and gives the buffer back to its <see cref="BatchBuffers"/>.
/// </summary>
internal sealed class PreparedBatch
{
    private readonly BatchBuffers buffers;
    private float[]? pixels;

    public PreparedBatch(float[] pixels, IReadOnlyList<DataItem> items, int imageSize, BatchBuffers buffers)
    {
        (this.pixels, Items, ImageSize, this.buffers) = (pixels, items, imageSize, buffers);
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
            var images = torch.empty([Items.Count, 3, ImageSize, ImageSize], torch.float32);
            MemoryMarshal.AsBytes(buffer.AsSpan(0, length)).CopyTo(images.bytes);
            var labels = torch.tensor(Items.Select(item => (long)item.Label).ToArray(), [Items.Count]);
            return new Batch(images, labels, Items);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Gives the buffer back without making tensors (a batch nobody will consume).</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref pixels, null);
        if (buffer is not null) buffers.Return(buffer);
    }
}
