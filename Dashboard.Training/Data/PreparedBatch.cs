using System.Runtime.InteropServices;
using TorchSharp;

namespace Dashboard.Training.Data;

/// <summary>
/// A batch decoded into reusable pixel buffers (one CHW image each), waiting for the consumer. Turning it into a
/// <see cref="Batch"/> copies the images once into a new tensor's own (native) memory and gives the buffers back to
/// their <see cref="BatchBuffers"/>.
/// </summary>
internal sealed class PreparedBatch
{
    private readonly BatchBuffers buffers;
    private IReadOnlyList<float[]>? images;

    public PreparedBatch(IReadOnlyList<float[]> images, IReadOnlyList<DataItem> items, int imageSize, BatchBuffers buffers)
    {
        (this.images, Items, ImageSize, this.buffers) = (images, items, imageSize, buffers);
    }

    public IReadOnlyList<DataItem> Items { get; }

    public int ImageSize { get; }

    /// <summary>Creates the tensors on the calling thread (so they join its dispose scope) and frees the buffers.</summary>
    public Batch ToBatch()
    {
        var pixels = images ?? throw new ObjectDisposedException(nameof(PreparedBatch));
        try
        {
            var floats = PixelPacking.FloatsPerImage(ImageSize, ImageSize);
            var tensor = torch.empty([Items.Count, 3, ImageSize, ImageSize], torch.float32);
            var bytes = MemoryMarshal.Cast<byte, float>(tensor.bytes);
            for (var i = 0; i < pixels.Count; i++) pixels[i].AsSpan(0, floats).CopyTo(bytes.Slice(i * floats, floats));
            var labels = torch.tensor(Items.Select(item => (long)item.Label).ToArray(), [Items.Count]);
            return new Batch(tensor, labels, Items);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Gives the buffers back without making tensors (a batch nobody will consume).</summary>
    public void Release()
    {
        var pixels = Interlocked.Exchange(ref images, null);
        if (pixels is null) return;
        foreach (var buffer in pixels) buffers.Return(buffer);
    }
}
