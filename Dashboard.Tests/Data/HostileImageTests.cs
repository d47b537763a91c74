using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using SkiaSharp;

namespace Dashboard.Tests.Data;

/// <summary>Files that announce too many pixels or end early: refused or skipped by path, never a crash or a 14 GB allocation.</summary>
public sealed class HostileImageTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_png_announcing_60000_by_60000_pixels_is_refused_from_its_header_naming_the_file_and_the_limit()
    {
        var path = HandWrittenImages.PngHeader(temp.File("train", "a", "huge.png"), 60000, 60000);
        TestImages.SolidPng(temp.File("train", "a", "fine.png"), new Rgb24(9, 9, 9));
        TestImages.SolidPng(temp.File("valid", "a", "fine.png"), new Rgb24(9, 9, 9));

        var error = Assert.Throws<ImageDecodeException>(() => new FileImageSource(path).Load());
        Assert.Contains(path, error.Message);
        Assert.Contains("60000×60000", error.Message);
        Assert.Contains(LoaderOptions.DefaultMaxPixels.ToString("N0"), error.Message);

        var data = FolderDataset.Load(temp.Path);
        var skipped = Assert.Single(data.Skipped);
        Assert.Equal(path, skipped.Path);
        Assert.Contains("too large", skipped.Reason);
        Assert.Single(data.Train);
    }

    [Fact]
    public void The_pixel_limit_is_a_loader_option()
    {
        var path = TestImages.SolidPng(temp.File("a.png"), new Rgb24(1, 2, 3), width: 20, height: 10);
        var item = new DataItem(new FileImageSource(path), 0);
        var buffer = new float[PixelPacking.FloatsPerImage(8, 8)];
        Assert.Null(new ItemPreparer(8, AugmentationOptions.None(), maxPixels: 200).TryPrepare(item, new Random(0), buffer, 0));
        var problem = new ItemPreparer(8, AugmentationOptions.None(), maxPixels: 199).TryPrepare(item, new Random(0), buffer, 0);
        Assert.Contains("over the limit of 199", problem);
        Assert.Contains("too large", ImageFileCheck.Problem(path, maxPixels: 199));
    }

    [Fact]
    public void A_truncated_jpeg_is_skipped_by_the_loader_and_reported_by_path()
    {
        ImageFolders.Create(temp, ["a"], trainPerClass: 3, validPerClass: 1);
        var truncated = temp.File("train", "a", "cut.jpg");
        var whole = File.ReadAllBytes(TestImages.NoiseJpeg(temp.File("whole.jpg"), 64, 48, seed: 3));
        File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<ImageDecodeException>(() => new FileImageSource(truncated).Load());
        Assert.Contains(truncated, error.Message);

        var data = FolderDataset.Load(temp.Path);
        var loader = new DataLoader(data.Train, new LoaderOptions { Size = 16, BatchSize = 8, Shuffle = false });
        var counts = loader.Epoch(0).Select(batch => { using (batch) return batch.Count; }).ToList();
        Assert.Equal([data.Train.Count - (data.Skipped.Any(s => s.Path == truncated) ? 0 : 1)], counts);
        var reported = data.Skipped.Concat(loader.LoadFailures).Single(s => s.Path == truncated);
        Assert.Contains("truncated", reported.Reason);
    }

    [Fact]
    public void Random_bytes_after_a_jpeg_header_never_crash_the_decoder()
    {
        var whole = File.ReadAllBytes(TestImages.NoiseJpeg(temp.File("whole.jpg"), 64, 48, seed: 4));
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var damaged = (byte[])whole.Clone();
            for (var i = 0; i < 40; i++) damaged[random.Next(20, damaged.Length)] = (byte)random.Next(256);
            var path = temp.File($"damaged{trial}.jpg");
            File.WriteAllBytes(path, damaged);
            try
            {
                using var image = new FileImageSource(path).Load();
                Assert.Equal((64, 48), (image.Width, image.Height));
            }
            catch (ImageDecodeException e) { Assert.Contains(path, e.Message); }
        }
    }
}
