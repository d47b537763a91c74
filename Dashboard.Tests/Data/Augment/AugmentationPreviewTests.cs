using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using SkiaSharp;

namespace Dashboard.Tests.Data.Augment;

public sealed class AugmentationPreviewTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Thumbnails_are_valid_pngs_of_the_requested_size_and_reproducible()
    {
        var source = new FileImageSource(TestImages.NoiseJpeg(temp.File("a.jpg"), 50, 40, seed: 1));
        var pngs = AugmentationPreview.Pngs(source, AugmentationOptions.TopDown(), count: 4, thumbSize: 24, seed: 5);
        Assert.Equal(4, pngs.Count);
        foreach (var png in pngs)
        {
            using var codec = SKCodec.Create(new SKMemoryStream(png));
            Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
            using var image = SKBitmap.Decode(png);
            Assert.Equal((24, 24), (image.Width, image.Height));
        }
        Assert.Equal(pngs, AugmentationPreview.Pngs(source, AugmentationOptions.TopDown(), 4, 24, 5));
        Assert.NotEqual(pngs[0], pngs[1]);
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(AugmentationPreview.MaxCount + 1, 24)]
    [InlineData(2, AugmentationPreview.MaxThumbSize + 1)]
    [InlineData(2, 1)]
    public void Count_and_size_are_bounded(int count, int thumbSize)
    {
        var source = new FileImageSource(TestImages.SolidPng(temp.File("a.png"), new Rgb24(1, 2, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AugmentationPreview.Pngs(source, AugmentationOptions.SideOn(), count, thumbSize, 0));
    }
}
