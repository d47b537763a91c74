using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using SkiaSharp;

namespace Dashboard.Tests.Data;

/// <summary>JPEGs decode at the smallest of libjpeg-turbo's M/8 scales that keeps the output's detail; other formats at full size.</summary>
public sealed class DecodeToSizeTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(0, 800, 600)]
    [InlineData(75, 100, 75)]   // 1/8
    [InlineData(76, 200, 150)]  // 2/8
    [InlineData(150, 200, 150)]
    [InlineData(151, 300, 225)] // 3/8
    [InlineData(226, 400, 300)] // 4/8
    [InlineData(301, 500, 375)] // 5/8
    [InlineData(376, 600, 450)] // 6/8
    [InlineData(451, 700, 525)] // 7/8
    [InlineData(526, 800, 600)] // full size
    public void A_jpeg_decodes_at_the_smallest_scale_that_keeps_the_shorter_side(int minShorterSide, int width, int height)
    {
        var path = TestImages.NoiseJpeg(temp.File("a.jpg"), 800, 600, seed: 1);
        using var image = new FileImageSource(path).Load(minShorterSide);
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void A_png_always_decodes_at_full_size()
    {
        var path = TestImages.SolidPng(temp.File("a.png"), new Rgb24(1, 2, 3), 800, 600);
        using var image = new FileImageSource(path).Load(minShorterSide: 75);
        Assert.Equal((800, 600), (image.Width, image.Height));
    }

    [Fact]
    public void The_source_keeps_the_output_size_times_the_largest_zoom()
    {
        Assert.Equal(64, ImageTransforms.SourceShorterSide(64, AugmentationOptions.None()));
        Assert.Equal(71, ImageTransforms.SourceShorterSide(64, AugmentationOptions.SideOn(maxZoom: 1.1)));
        Assert.Equal(128, ImageTransforms.SourceShorterSide(64, AugmentationOptions.TopDown(maxZoom: 2)));
    }

    [Fact]
    public void A_scaled_decode_gives_nearly_the_same_input_as_a_full_one()
    {
        using var full = TestImages.Solid(800, 600, new Rgb24(0, 0, 0));
        for (var y = 0; y < 600; y++)
            for (var x = 0; x < 800; x++) TestImages.Set(full, x, y, new Rgb24((byte)(x * 255 / 800), (byte)(y * 255 / 600), (byte)((x / 100 + y / 100) % 2 * 255)));
        var path = TestImages.Save(full, temp.File("b.jpg"), SKEncodedImageFormat.Jpeg, quality: 95);

        var prepared = new float[PixelPacking.FloatsPerImage(64, 64)];
        var item = new DataItem(new FileImageSource(path), 0);
        Assert.Null(new ItemPreparer(64, AugmentationOptions.None()).TryPrepare(item, new Random(0), prepared, 0));
        using var decoded = new FileImageSource(path).Load();
        using var reference = ImageTransforms.Validation(decoded, 64);
        var expected = new float[prepared.Length];
        PixelPacking.CopyChw(reference, expected, 0);

        var meanDifference = prepared.Zip(expected, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanDifference, 0, 3 / 255.0);
    }
}
