using SkiaSharp;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// fastai 0.7's <c>lighting(im, b, c)</c>: v' = clamp((v − μ) · contrast + μ + brightness) for v in [0, 1], μ the mean
/// of every channel of the image, as one 256-entry lookup table for every channel. Training applies the table while
/// packing pixels into floats (<see cref="PixelPacking.CopyChw"/>); previews apply it to their bitmap.
/// </summary>
public static class Lighting
{
    /// <summary>The table for a draw's lighting on this (already transformed) image; null when the draw leaves lighting alone.</summary>
    public static byte[]? TableFor(SKBitmap image, AugmentationParameters parameters) =>
        parameters.ChangesLighting ? Table(parameters.Brightness, parameters.Contrast, Mean(image)) : null;

    /// <summary>In place, on an RGBA bitmap.</summary>
    public static void Apply(SKBitmap image, double brightness, double contrast)
    {
        var table = Table(brightness, contrast, Mean(image));
        var pixels = image.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (table[pixels[i]], table[pixels[i + 1]], table[pixels[i + 2]]);
    }

    /// <summary>Mean of the R, G and B channels of all pixels of an RGBA bitmap, in [0, 1].</summary>
    public static double Mean(SKBitmap image)
    {
        long sum = 0;
        ReadOnlySpan<byte> pixels = image.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4) sum += pixels[i] + pixels[i + 1] + pixels[i + 2];
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
