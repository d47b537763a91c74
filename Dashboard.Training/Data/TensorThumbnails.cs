using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Data;

/// <summary>PNG thumbnails of the first images of a batch tensor (n, 3, h, w) in [0, 1]: what the model actually sees.</summary>
public static class TensorThumbnails
{
    public const int MaxCount = 32;
    private const int RgbaBytes = 4;

    public static IReadOnlyList<byte[]> Pngs(Tensor images, int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        count = Math.Clamp(count, 0, Math.Min(MaxCount, (int)images.shape[0]));
        using var scope = NewDisposeScope();
        // Scalars disposed here, never left to the finalizer mid-call (see TorchScalars).
        using Scalar low = 0.ToScalar(), high = 1.ToScalar(), full = 255.ToScalar();
        var rgb = images[..count].detach().cpu().clamp(low, high).mul(full).round().to(ScalarType.Byte).permute(0, 2, 3, 1);
        var rgba = cat([rgb, full_like(rgb[.., .., .., ..1], 255)], dim: 3).contiguous().data<byte>().ToArray();
        int height = (int)images.shape[2], width = (int)images.shape[3], bytes = height * width * RgbaBytes;
        return Enumerable.Range(0, count).Select(i => Png(rgba.AsSpan(i * bytes, bytes), width, height, size)).ToArray();
    }

    private static byte[] Png(ReadOnlySpan<byte> rgba, int width, int height, int size)
    {
        using var image = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        rgba.CopyTo(image.GetPixelSpan());
        if (width == size && height == size) return PngEncoding.Encode(image);
        using var resized = image.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque), PngEncoding.Downscale);
        return PngEncoding.Encode(resized);
    }
}
