using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// Brightness then contrast, as one 256-entry lookup table applied to every channel:
/// v' = clamp((v · brightness − ½) · contrast + ½) for v in [0, 1]. Much cheaper than a colour-matrix filter.
/// </summary>
public static class Lighting
{
    public static void Apply(Image<Rgb24> image, double brightness, double contrast)
    {
        var table = Table(brightness, contrast);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
                foreach (ref var pixel in accessor.GetRowSpan(y))
                    pixel = new Rgb24(table[pixel.R], table[pixel.G], table[pixel.B]);
        });
    }

    public static byte[] Table(double brightness, double contrast)
    {
        var table = new byte[byte.MaxValue + 1];
        for (var v = 0; v < table.Length; v++)
        {
            var value = ((v / (double)byte.MaxValue * brightness) - 0.5) * contrast + 0.5;
            table[v] = (byte)Math.Round(Math.Clamp(value, 0, 1) * byte.MaxValue);
        }
        return table;
    }
}
