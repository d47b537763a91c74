using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>PNG bytes for the dashboard: fast zlib level (thumbnails are small and made on request).</summary>
public static class PngEncoding
{
    private const int FastZlibLevel = 1;

    /// <summary>For shrinking thumbnails: mipmapped bilinear, which averages instead of skipping pixels.</summary>
    public static readonly SKSamplingOptions Downscale = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public static byte[] Encode(SKBitmap image)
    {
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, FastZlibLevel))
            ?? throw new InvalidOperationException($"PNG encoding of a {image.Width}×{image.Height} {image.ColorType} bitmap failed");
        return data.ToArray();
    }
}
