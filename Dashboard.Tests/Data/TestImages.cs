using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Tests.Data;

/// <summary>Small images written for tests with ImageSharp itself.</summary>
public static class TestImages
{
    public static string SolidPng(string path, Rgb24 colour, int width = 8, int height = 8)
    {
        using var image = new Image<Rgb24>(width, height, colour);
        image.SaveAsPng(path);
        return path;
    }

    public static string GrayPng(string path, byte value, int width = 8, int height = 8)
    {
        using var image = new Image<L8>(width, height, new L8(value));
        image.SaveAsPng(path);
        return path;
    }

    public static string NoiseJpeg(string path, int width, int height, int seed)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
                foreach (ref var pixel in accessor.GetRowSpan(y))
                    pixel = new Rgb24((byte)random.Next(256), (byte)(y * 255 / height), (byte)random.Next(256));
        });
        image.Save(path, new JpegEncoder { Quality = 85 });
        return path;
    }

    /// <summary>Top half white, bottom half black: a vertical flip or half turn puts the white at the bottom.</summary>
    public static Image<Rgb24> TopWhiteBottomBlack(int size)
    {
        var image = new Image<Rgb24>(size, size, new Rgb24(0, 0, 0));
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < size / 2; y++) accessor.GetRowSpan(y).Fill(new Rgb24(255, 255, 255));
        });
        return image;
    }

    public static string NotAnImage(string path)
    {
        File.WriteAllText(path, "this is not an image");
        return path;
    }

    /// <summary>A PNG signature followed by garbage: passes the extension check, fails decoding.</summary>
    public static string CorruptPng(string path)
    {
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5]);
        return path;
    }

    /// <summary>Mean brightness (0..255) of the rows in [fromRow, toRow).</summary>
    public static double MeanOfRows(Image<Rgb24> image, int fromRow, int toRow)
    {
        double sum = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = fromRow; y < toRow; y++)
                foreach (var pixel in accessor.GetRowSpan(y)) sum += (pixel.R + pixel.G + pixel.B) / 3.0;
        });
        return sum / ((toRow - fromRow) * image.Width);
    }
}
