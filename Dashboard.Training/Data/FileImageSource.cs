using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>An image file in any format SkiaSharp reads (JPEG, PNG, WebP, GIF's first frame, BMP, ICO…).</summary>
public sealed record FileImageSource(string Path) : ImageSource
{
    public override string Name => Path;

    public override SKBitmap Load(int minShorterSide = 0, long maxPixels = LoaderOptions.DefaultMaxPixels) =>
        ImageDecoder.Decode(Path, minShorterSide, maxPixels);
}
