using Dashboard.Training.Data.Idx;
using SkiaSharp;

namespace DemoDatasetMaker;

/// <summary>Writes picked images as 8-bit grayscale PNGs into <c>&lt;split&gt;/&lt;class&gt;/NNNN.png</c> and lists their sources.</summary>
public static class DemoWriter
{
    private const int BestZlibLevel = 9;
    private static readonly SKPngEncoderOptions Encoder = new(SKPngEncoderFilterFlags.AllFilters, BestZlibLevel);

    /// <summary>Writes the split's PNGs and returns its <c>sources.csv</c> rows.</summary>
    public static IEnumerable<string> WriteSplit(string output, string split, GrayImageSet images, IReadOnlyList<PickedImage> picked)
    {
        foreach (var image in picked)
        {
            var relative = $"{split}/{FashionMnist.ClassNames[image.Label]}/{image.Number:D4}.png";
            WritePng(Path.Combine(output, relative), images, image.SourceIndex);
            yield return $"{relative},{images.Name},{image.SourceIndex}";
        }
    }

    private static void WritePng(string path, GrayImageSet images, int index)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A Gray8 pixmap encodes as an 8-bit grayscale PNG.
        using var image = new SKBitmap(new SKImageInfo(images.Columns, images.Rows, SKColorType.Gray8, SKAlphaType.Opaque));
        images.Pixels(index).CopyTo(image.GetPixelSpan());
        using var pixels = image.PeekPixels();
        using var png = pixels.Encode(Encoder) ?? throw new InvalidOperationException($"PNG encoding failed for {path}");
        File.WriteAllBytes(path, png.ToArray());
    }
}
