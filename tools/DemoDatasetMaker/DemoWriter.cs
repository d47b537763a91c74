using Dashboard.Training.Data.Idx;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace DemoDatasetMaker;

/// <summary>Writes picked images as 8-bit grayscale PNGs into <c>&lt;split&gt;/&lt;class&gt;/NNNN.png</c> and lists their sources.</summary>
public static class DemoWriter
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.BestCompression, SkipMetadata = true,
    };

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
        using var image = Image.LoadPixelData<L8>(images.Pixels(index), images.Columns, images.Rows);
        image.Save(path, Encoder);
    }
}
