using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using Microsoft.Extensions.Caching.Memory;
using SkiaSharp;

namespace Dashboard.Datasets;

/// <summary>
/// PNG bytes for the browser: dataset images shrunk to a thumbnail, and augmented previews.
/// A preview grid asks for its images one URL at a time, so the whole set is computed once and kept briefly.
/// </summary>
public sealed class Thumbnails : IDisposable
{
    public const int DefaultSize = 128;
    private readonly MemoryCache previews = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public static int ClampSize(int? size) => Math.Clamp(size ?? DefaultSize, AugmentationPreview.MinThumbSize, AugmentationPreview.MaxThumbSize);

    /// <summary>The image as PNG, shrunk (never enlarged) to fit a square of <paramref name="maxSize"/> pixels.</summary>
    public static byte[] Png(ImageSource source, int maxSize)
    {
        using var image = source.Load(minShorterSide: maxSize);
        if (image.Width <= maxSize && image.Height <= maxSize) return PngEncoding.Encode(image);
        var scale = (double)maxSize / Math.Max(image.Width, image.Height);
        var fitted = new SKImageInfo(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)),
            SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = image.Resize(fitted, PngEncoding.Downscale);
        return PngEncoding.Encode(resized);
    }

    /// <summary>The <paramref name="index"/>-th of <paramref name="count"/> augmented copies (same arguments, same bytes).</summary>
    public byte[] Augmented(PreviewRequest request, ImageSource source, int index)
    {
        var pngs = previews.GetOrCreate(request, entry =>
        {
            var made = AugmentationPreview.Pngs(source, AugmentationOptions.FromName(request.Preset, request.MaxZoom), request.Count, request.Size, request.Seed);
            entry.Size = made.Sum(png => (long)png.Length);
            entry.SlidingExpiration = TimeSpan.FromMinutes(5);
            return made;
        })!;
        return pngs[index];
    }

    public void Dispose() => previews.Dispose();
}

/// <summary>Which augmented copies to make: identifies a cached set.</summary>
public sealed record PreviewRequest(string Dataset, string Split, int Item, string Preset, double MaxZoom, int Seed, int Count, int Size);
