using Dashboard.Training.Data;
using SkiaSharp;

namespace Dashboard.Tests.Data;

/// <summary>What the decoder hands the transforms, on files written here: upright, RGB, opaque, one frame.</summary>
public sealed class ImageFormatTests : IDisposable
{
    private static readonly Rgb24 Red = new(255, 0, 0), Blue = new(0, 0, 255);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Stored 40×20: left half red, right half blue.</summary>
    private string RedLeftBlueRightJpeg(string name, ushort orientation)
    {
        using var image = TestImages.Solid(40, 20, Red);
        for (var x = 20; x < 40; x++)
            for (var y = 0; y < 20; y++) TestImages.Set(image, x, y, Blue);
        var path = TestImages.Save(image, temp.File(name), SKEncodedImageFormat.Jpeg, quality: 95);
        File.WriteAllBytes(path, HandWrittenImages.WithExifOrientation(File.ReadAllBytes(path), orientation));
        return path;
    }

    private static bool IsRed(Rgb24 p) => p.R > 200 && p.B < 60;

    private static bool IsBlue(Rgb24 p) => p.B > 200 && p.R < 60;

    [Theory]
    [InlineData(1, 40, 20)] // as stored
    [InlineData(6, 20, 40)] // turned a quarter clockwise: the stored left (red) is at the top
    [InlineData(8, 20, 40)] // a quarter anticlockwise: the stored left is at the bottom
    public void Exif_orientation_is_applied(ushort orientation, int width, int height)
    {
        using var image = new FileImageSource(RedLeftBlueRightJpeg($"o{orientation}.jpg", orientation)).Load();
        Assert.Equal((width, height), (image.Width, image.Height));
        var (first, last) = orientation == 1
            ? (TestImages.At(image, 5, 10), TestImages.At(image, 35, 10))
            : (TestImages.At(image, 10, 5), TestImages.At(image, 10, 35));
        Assert.True(orientation == 8 ? IsBlue(first) && IsRed(last) : IsRed(first) && IsBlue(last), $"{first} then {last}");
    }

    [Fact]
    public void A_grayscale_jpeg_loads_as_three_equal_channels()
    {
        var path = TestImages.GrayImage(temp.File("g.jpg"), 77, 16, 16, SKEncodedImageFormat.Jpeg);
        using (var codec = SKCodec.Create(path)) Assert.Equal(SKColorType.Gray8, codec.Info.ColorType);
        using var image = new FileImageSource(path).Load();
        var pixel = TestImages.At(image, 8, 8);
        Assert.Equal((pixel.R, pixel.R), (pixel.G, pixel.B));
        Assert.InRange(pixel.R, 75, 79);
    }

    [Fact]
    public void A_png_with_alpha_is_composited_on_black()
    {
        using var source = new SKBitmap(new SKImageInfo(4, 4, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        source.Erase(new SKColor(200, 100, 50, 128));
        source.SetPixel(0, 0, new SKColor(255, 255, 255, 0));
        var path = TestImages.Save(source, temp.File("alpha.png"), SKEncodedImageFormat.Png);

        using var image = new FileImageSource(path).Load();
        Assert.Equal(new Rgb24(0, 0, 0), TestImages.At(image, 0, 0));
        var half = TestImages.At(image, 2, 2);
        Assert.InRange(half.R, 99, 101);
        Assert.InRange(half.G, 49, 51);
        Assert.InRange(half.B, 24, 26);
        Assert.Equal(255, image.GetPixel(2, 2).Alpha);
    }

    [Fact]
    public void A_lossless_webp_keeps_its_pixels()
    {
        using var source = TestImages.Solid(12, 10, new Rgb24(10, 200, 30));
        TestImages.Set(source, 3, 4, new Rgb24(250, 5, 120));
        using var pixmap = source.PeekPixels();
        using var webp = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100));
        var path = temp.File("a.webp");
        File.WriteAllBytes(path, Assert.IsType<SKData>(webp).ToArray());

        using var image = new FileImageSource(path).Load();
        Assert.Equal((12, 10), (image.Width, image.Height));
        Assert.Equal(new Rgb24(10, 200, 30), TestImages.At(image, 0, 0));
        Assert.Equal(new Rgb24(250, 5, 120), TestImages.At(image, 3, 4));
    }

    [Fact]
    public void A_gif_gives_its_first_frame()
    {
        var path = HandWrittenImages.Gif(temp.File("two-frames.gif"), 4, 1, 2); // red, then blue
        using (var codec = SKCodec.Create(path)) Assert.Equal(2, codec.FrameCount);
        using var image = new FileImageSource(path).Load();
        Assert.Equal((4, 4), (image.Width, image.Height));
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal(Red, TestImages.At(image, i % 4, i / 4)));
    }
}
