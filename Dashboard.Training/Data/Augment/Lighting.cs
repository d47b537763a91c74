using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// fastai 0.7's <c>lighting(im, b, c)</c>: v' = clamp((v − μ) · contrast + μ + brightness) for v in [0, 1], μ the mean
/// of every channel of the image, as one 256-entry lookup table applied to every channel.
/// </summary>
public static class Lighting
{
    public static void Apply(Image<Rgb24> image, double brightness, double contrast)
    {
        var table = Table(brightness, contrast, Mean(image));
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
                foreach (ref var pixel in accessor.GetRowSpan(y))
                    pixel = new Rgb24(table[pixel.R], table[pixel.G], table[pixel.B]);
        });
    }

    /// <summary>Mean of all channels of all pixels, in [0, 1].</summary>
    public static double Mean(Image<Rgb24> image)
    {
        long sum = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
                foreach (var pixel in accessor.GetRowSpan(y)) sum += pixel.R + pixel.G + pixel.B;
        });
        return sum / (3.0 * image.Width * image.Height * byte.MaxValue);
    }

    public static byte[] Table(double brightness, double contrast, double mean)
    {
        var table = new byte[byte.MaxValue + 1];
        for (var v = 0; v < table.Length; v++)
        {
            var value = (v / (double)byte.MaxValue - mean) * contrast + mean + brightness;
            table[v] = (byte)Math.Round(Math.Clamp(value, 0, 1) * byte.MaxValue);
        }
        return table;
    }
}
