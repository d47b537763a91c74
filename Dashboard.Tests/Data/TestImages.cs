using SkiaSharp;

namespace Dashboard.Tests.Data;

/// <summary>One RGB pixel, as the tests write and read them.</summary>
public readonly record struct Rgb24(byte R, byte G, byte B);

/// <summary>Small images written for tests with SkiaSharp itself, and pixel reads of decoded RGBA bitmaps.</summary>
public static class TestImages
{
    public static SKBitmap Solid(int width, int height, Rgb24 colour)
    {
        var image = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        image.Erase(new SKColor(colour.R, colour.G, colour.B));
        return image;
    }

    public static Rgb24 At(SKBitmap image, int x, int y)
    {
        var colour = image.GetPixel(x, y);
        return new Rgb24(colour.Red, colour.Green, colour.Blue);
    }

    public static void Set(SKBitmap image, int x, int y, Rgb24 colour) => image.SetPixel(x, y, new SKColor(colour.R, colour.G, colour.B));

    public static string Save(SKBitmap image, string path, SKEncodedImageFormat format, int quality = 100)
    {
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    public static string SolidPng(string path, Rgb24 colour, int width = 8, int height = 8)
    {
        using var image = Solid(width, height, colour);
        return Save(image, path, SKEncodedImageFormat.Png);
    }

    /// <summary>A single-channel (8-bit grayscale) file: PNG, or JPEG with <paramref name="format"/>.</summary>
    public static string GrayImage(string path, byte value, int width = 8, int height = 8, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var image = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        image.GetPixelSpan().Fill(value);
        return Save(image, path, format);
    }

    public static string GrayPng(string path, byte value, int width = 8, int height = 8) => GrayImage(path, value, width, height);

    public static string NoiseJpeg(string path, int width, int height, int seed)
    {
        var random = new Random(seed);
        using var image = Solid(width, height, new Rgb24(0, 0, 0));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                Set(image, x, y, new Rgb24((byte)random.Next(256), (byte)(y * 255 / height), (byte)random.Next(256)));
        return Save(image, path, SKEncodedImageFormat.Jpeg, quality: 85);
    }

    /// <summary>Top half white, bottom half black: a vertical flip or half turn puts the white at the bottom.</summary>
    public static SKBitmap TopWhiteBottomBlack(int size)
    {
        var image = Solid(size, size, new Rgb24(0, 0, 0));
        for (var y = 0; y < size / 2; y++)
            for (var x = 0; x < size; x++) Set(image, x, y, new Rgb24(255, 255, 255));
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
    public static double MeanOfRows(SKBitmap image, int fromRow, int toRow)
    {
        double sum = 0;
        for (var y = fromRow; y < toRow; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = At(image, x, y);
                sum += (pixel.R + pixel.G + pixel.B) / 3.0;
            }
        return sum / ((toRow - fromRow) * image.Width);
    }
}
