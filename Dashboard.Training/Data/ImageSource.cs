using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>Where an item's pixels come from: a file on disk, or pixels already in memory.</summary>
public abstract record ImageSource
{
    /// <summary>A short name for logs and the dashboard: a path, or e.g. <c>train-images-idx3-ubyte.gz[12]</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Decodes the image upright as opaque RGBA (grayscale repeated into R, G and B). The caller disposes it.
    /// A source may decode smaller (a JPEG at 1/2, 1/4 or 1/8) while the shorter side stays at least
    /// <paramref name="minShorterSide"/> (0 = full size). Images over <paramref name="maxPixels"/> are refused,
    /// unreadable ones throw <see cref="ImageDecodeException"/>.
    /// </summary>
    public abstract SKBitmap Load(int minShorterSide = 0, long maxPixels = LoaderOptions.DefaultMaxPixels);
}
