using Dashboard.Training.Data.Augment;
using Dashboard.Training.Data;
using SkiaSharp;

namespace Dashboard.Tests.Data.Augment;

public class AugmentationTests
{
    private const int Size = 32;

    private static byte[] Augment(SKBitmap source, AugmentationOptions options, int seed)
    {
        using var output = ImageTransforms.Apply(source, options, Size, AugmentationSeeds.RandomFor(seed));
        Assert.Equal((Size, Size), (output.Width, output.Height));
        return output.GetPixelSpan().ToArray();
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_other_seeds_differ()
    {
        using var source = TestImages.TopWhiteBottomBlack(48);
        var options = AugmentationOptions.SideOn();
        Assert.Equal(Augment(source, options, 7), Augment(source, options, 7));
        Assert.NotEqual(Augment(source, options, 7), Augment(source, options, 8));
    }

    [Fact]
    public void Top_down_flips_vertically_and_side_on_never_does()
    {
        using var source = TestImages.TopWhiteBottomBlack(40);
        Assert.Contains(Enumerable.Range(0, 40), seed => WhiteAtBottom(source, AugmentationOptions.TopDown(), seed));
        Assert.DoesNotContain(Enumerable.Range(0, 40), seed => WhiteAtBottom(source, AugmentationOptions.SideOn(), seed));
    }

    private static bool WhiteAtBottom(SKBitmap source, AugmentationOptions options, int seed)
    {
        using var output = ImageTransforms.Apply(source, options, Size, AugmentationSeeds.RandomFor(seed));
        return TestImages.MeanOfRows(output, Size / 2, Size) > TestImages.MeanOfRows(output, 0, Size / 2) + 100;
    }

    [Fact]
    public void Flip_alone_mirrors_pixels_exactly()
    {
        using var source = TestImages.TopWhiteBottomBlack(Size);
        var flip = AugmentationParameters.Identity with { FlipVertical = true };
        using var output = ImageTransforms.Geometry(source, Size, flip);
        for (var y = 0; y < Size; y++)
            Assert.Equal(TestImages.At(source, 5, Size - 1 - y), TestImages.At(output, 5, y));
    }

    [Fact]
    public void Validation_transform_resizes_the_shorter_side_and_crops_the_centre()
    {
        using var source = TestImages.Solid(60, 20, new Rgb24(255, 0, 0));
        for (var x = 20; x < 40; x++)
            for (var y = 0; y < 20; y++) TestImages.Set(source, x, y, new Rgb24(0, 0, 255));
        using var output = ImageTransforms.Validation(source, 10);
        Assert.Equal((10, 10), (output.Width, output.Height));
        Assert.All(Enumerable.Range(0, 10), x => Assert.Equal(new Rgb24(0, 0, 255), TestImages.At(output, x, 5)));
    }

    [Fact]
    public void None_ignores_the_seed()
    {
        using var source = TestImages.Solid(20, 20, new Rgb24(90, 90, 90));
        Assert.Equal(Augment(source, AugmentationOptions.None(), 1), Augment(source, AugmentationOptions.None(), 2));
    }

    [Fact]
    public void Lighting_is_fastai_07s_brightness_added_and_contrast_about_the_image_mean()
    {
        Assert.Equal(Enumerable.Range(0, 256).Select(v => (byte)v), Lighting.Table(0, 1, 0.3));
        Assert.Equal(213, Lighting.Table(0.05, 1, 0.3)[200]);                   // 200/255 + 0.05 = 0.834 → 213
        Assert.Equal(255, Lighting.Table(0.05, 1, 0.3)[255]);                   // clamped
        Assert.Equal(51, Lighting.Table(0, 1.05, 0.2)[51]);                     // the mean itself does not move
        Assert.Equal(212, Lighting.Table(0, 1.05, 0.2)[204]);                   // (0.8 − 0.2)·1.05 + 0.2 = 0.83 → 211.65
        using var image = TestImages.Solid(2, 1, new Rgb24(0, 0, 0));
        TestImages.Set(image, 1, 0, new Rgb24(255, 255, 255));
        Assert.Equal(0.5, Lighting.Mean(image), 12);
    }

    [Fact]
    public void Zoom_and_rotation_apply_three_times_in_four_as_fastai_07s_random_scale_and_rotate()
    {
        var random = new Random(11);
        var draws = Enumerable.Range(0, 4000).Select(_ => AugmentationParameters.Draw(AugmentationOptions.SideOn(), random)).ToArray();

        Assert.InRange(draws.Count(p => p.Zoom != 1) / 4000.0, 0.72, 0.78);
        Assert.InRange(draws.Count(p => p.RotationDegrees != 0) / 4000.0, 0.72, 0.78);
        Assert.InRange(draws.Count(p => p.FlipHorizontal) / 4000.0, 0.47, 0.53);
        Assert.All(draws, p => Assert.True(p.ChangesLighting));
    }

    [Theory]
    [InlineData("none", AugmentationPreset.None)]
    [InlineData("side_on", AugmentationPreset.SideOn)]
    [InlineData("top_down", AugmentationPreset.TopDown)]
    public void Presets_parse_from_settings_names(string name, AugmentationPreset preset)
    {
        Assert.Equal(preset, AugmentationOptions.FromName(name).Preset);
        Assert.Equal(name, AugmentationOptions.FromName(name).Name);
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => AugmentationOptions.FromName("sideways"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AugmentationOptions.SideOn(maxZoom: 0.5).Validate());
    }

    [Fact]
    public void Draws_stay_within_the_limits()
    {
        var options = AugmentationOptions.SideOn(maxZoom: 1.3);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var p = AugmentationParameters.Draw(options, random);
            Assert.InRange(p.Zoom, 1, 1.3);
            Assert.InRange(p.RotationDegrees, -10, 10);
            Assert.InRange(p.Brightness, -0.05, 0.05);
            Assert.InRange(p.Contrast, 1 / 1.05, 1.05);
            Assert.False(p.FlipVertical);
            Assert.Equal(0, p.QuarterTurns);
        }
    }
}
