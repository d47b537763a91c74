using TorchSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace Dashboard.Training.Data;

/// <summary>PNG thumbnails of the first images of a batch tensor (n, 3, h, w) in [0, 1]: what the model actually sees.</summary>
public static class TensorThumbnails
{
    public const int MaxCount = 32;

    public static IReadOnlyList<byte[]> Pngs(Tensor images, int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        count = Math.Clamp(count, 0, Math.Min(MaxCount, (int)images.shape[0]));
        using var scope = NewDisposeScope();
        // Scalars disposed here, never left to the finalizer mid-call (see TorchScalars).
        using Scalar low = 0.ToScalar(), high = 1.ToScalar(), full = 255.ToScalar();
        var bytes = images[..count].detach().cpu().clamp(low, high).mul(full).round().to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();
        int height = (int)images.shape[2], width = (int)images.shape[3];
        return Enumerable.Range(0, count).Select(i => Png(bytes.AsSpan(i * height * width * 3, height * width * 3), width, height, size)).ToArray();
    }

    private static byte[] Png(ReadOnlySpan<byte> rgb, int width, int height, int size)
    {
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        if (width != size || height != size) image.Mutate(x => x.Resize(size, size));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
