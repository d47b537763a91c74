using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using SkiaSharp;

namespace Dashboard.Tests.Data;

/// <summary>
/// Shrunk copies of large images (fastai's <c>resize</c>): made once from real files written here, read back after,
/// remade when the file changes or the copy is damaged; a cache that cannot write changes nothing for training.
/// </summary>
public sealed class ResizeCacheTests : IDisposable
{
    private const long NoLimit = long.MaxValue;
    private static readonly Rgb24 Red = new(255, 0, 0), Blue = new(0, 0, 255);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private ResizeCache Cache(long maxMegabytes = ResizeCacheOptions.DefaultMaxMegabytes, string? folder = null) =>
        new(new ResizeCacheOptions { Folder = folder ?? Path.Combine(temp.Path, "resized"), MaxMegabytes = maxMegabytes });

    private string[] Copies() => Directory.Exists(Path.Combine(temp.Path, "resized"))
        ? Directory.GetFiles(Path.Combine(temp.Path, "resized"), "*.jpg", SearchOption.AllDirectories)
        : [];

    /// <summary>A smooth 800×600 photo stand-in: gradients and a checker of 100 px squares.</summary>
    private string GradientJpeg(string name, int width = 800, int height = 600)
    {
        using var image = TestImages.Solid(width, height, new Rgb24(0, 0, 0));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                TestImages.Set(image, x, y, new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x / 100 + y / 100) % 2 * 255)));
        return TestImages.Save(image, temp.File("photos", name), SKEncodedImageFormat.Jpeg, quality: 95);
    }

    private static byte[] Pixels(SKBitmap image) => image.GetPixelSpan().ToArray();

    [Fact]
    public void A_large_jpeg_is_copied_once_at_its_decoded_size_then_read_from_its_copy()
    {
        var path = GradientJpeg("a.jpg");
        var cache = Cache();

        using var first = cache.Load(new FileImageSource(path), minShorterSide: 64, NoLimit);
        Assert.Equal((100, 75), (first.Width, first.Height)); // libjpeg-turbo's 1/8 scale keeps 64 px
        Assert.Equal((1, 0), (cache.Stored, cache.Hits));
        Assert.Single(Copies());

        using var second = cache.Load(new FileImageSource(path), minShorterSide: 64, NoLimit);
        Assert.Equal((1, 1), (cache.Stored, cache.Hits));
        Assert.Equal(Pixels(first), Pixels(second)); // the first read returned the copy's pixels too
    }

    [Fact]
    public void Training_from_the_copy_gives_nearly_the_input_of_the_file()
    {
        var path = GradientJpeg("a.jpg");
        var item = new DataItem(new FileImageSource(path), 0);
        var direct = new float[PixelPacking.FloatsPerImage(64, 64)];
        var cached = new float[direct.Length];

        Assert.Null(new ItemPreparer(64, AugmentationOptions.None()).TryPrepare(item, new Random(0), direct, 0));
        Assert.Null(new ItemPreparer(64, AugmentationOptions.None(), resizeCache: Cache()).TryPrepare(item, new Random(0), cached, 0));

        Assert.Single(Copies());
        Assert.InRange(direct.Zip(cached, (a, b) => Math.Abs(a - b)).Average(), 0, 1 / 255.0); // JPEG rounding only
    }

    [Fact]
    public void A_file_not_much_larger_than_needed_is_read_directly()
    {
        var path = GradientJpeg("small.jpg", 160, 120); // 120 < 2 × 64
        var cache = Cache();

        using var image = cache.Load(new FileImageSource(path), minShorterSide: 64, NoLimit);

        Assert.Equal((100, 75), (image.Width, image.Height)); // libjpeg-turbo's 5/8 scale, not a copy
        Assert.Equal(0, cache.Stored);
        Assert.Empty(Copies());
    }

    [Fact]
    public void A_png_is_read_from_its_file()
    {
        var path = TestImages.SolidPng(temp.File("photos", "a.png"), Blue, 600, 400);
        var cache = Cache();

        using var image = cache.Load(new FileImageSource(path), minShorterSide: 50, NoLimit);

        Assert.Equal((600, 400), (image.Width, image.Height));
        Assert.Equal(0, cache.Stored);
    }

    [Fact]
    public void An_edited_file_gets_a_new_copy()
    {
        var path = temp.File("photos", "a.jpg");
        SolidJpeg(path, Red);
        var cache = Cache();
        using (var red = cache.Load(new FileImageSource(path), 50, NoLimit)) Assert.True(IsRed(TestImages.At(red, 10, 10)));

        SolidJpeg(path, Blue);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1)); // an edit within the clock's resolution still counts

        using var blue = cache.Load(new FileImageSource(path), 50, NoLimit);
        Assert.True(IsBlue(TestImages.At(blue, 10, 10)));
        Assert.Equal((2, 0), (cache.Stored, cache.Hits));
    }

    private static void SolidJpeg(string path, Rgb24 colour)
    {
        using var image = TestImages.Solid(400, 300, colour);
        TestImages.Save(image, path, SKEncodedImageFormat.Jpeg, quality: 95);
    }

    private static bool IsRed(Rgb24 p) => p.R > 200 && p.B < 60;

    private static bool IsBlue(Rgb24 p) => p.B > 200 && p.R < 60;

    [Fact]
    public void A_damaged_copy_is_made_again()
    {
        var path = GradientJpeg("a.jpg");
        var cache = Cache();
        using (cache.Load(new FileImageSource(path), 64, NoLimit)) { }
        var copy = Assert.Single(Copies());
        File.WriteAllBytes(copy, [0xFF, 0xD8, 0xFF, 0x00, 1, 2, 3]); // a JPEG start, then nothing readable

        using var image = cache.Load(new FileImageSource(path), 64, NoLimit);

        Assert.Equal((100, 75), (image.Width, image.Height));
        Assert.Equal((2, 0), (cache.Stored, cache.Hits));
        using var again = new FileImageSource(Assert.Single(Copies())).Load();
        Assert.Equal(Pixels(image), Pixels(again));
    }

    [Fact]
    public void A_copy_of_a_turned_photo_stands_upright()
    {
        // Stored 400×200, left half red, right half blue, EXIF orientation 6: upright it is 200×400, red on top.
        using var stored = TestImages.Solid(400, 200, Red);
        for (var x = 200; x < 400; x++)
            for (var y = 0; y < 200; y++) TestImages.Set(stored, x, y, Blue);
        var path = TestImages.Save(stored, temp.File("photos", "turned.jpg"), SKEncodedImageFormat.Jpeg, quality: 95);
        File.WriteAllBytes(path, HandWrittenImages.WithExifOrientation(File.ReadAllBytes(path), 6));
        var cache = Cache();

        foreach (var read in new[] { "made", "from the copy" })
        {
            using var image = cache.Load(new FileImageSource(path), 40, NoLimit);
            Assert.Equal((50, 100), (image.Width, image.Height)); // 2/8 of 200×400
            Assert.True(IsRed(TestImages.At(image, 25, 20)) && IsBlue(TestImages.At(image, 25, 80)), read);
        }
        Assert.Equal((1, 1), (cache.Stored, cache.Hits));
    }

    [Fact]
    public void When_copies_cannot_be_written_images_still_load_and_the_cache_says_why()
    {
        var notAFolder = temp.File("occupied");
        File.WriteAllText(notAFolder, "a file where the cache's folder would go");
        var cache = Cache(folder: notAFolder);
        var path = GradientJpeg("a.jpg");

        using var first = cache.Load(new FileImageSource(path), 64, NoLimit);
        using var second = cache.Load(new FileImageSource(path), 64, NoLimit);

        Assert.Equal((100, 75), (first.Width, first.Height));
        Assert.Equal((0, 0), (cache.Stored, cache.Hits));
        Assert.Contains(notAFolder, cache.Problem);
    }

    [Fact]
    public void Copies_stop_at_the_size_limit_counting_what_the_folder_already_holds()
    {
        var folder = temp.Folder("resized");
        File.WriteAllBytes(Path.Combine(folder, "earlier.jpg"), new byte[2_000_000]);
        var cache = Cache(maxMegabytes: 2);
        var path = GradientJpeg("a.jpg");

        using var image = cache.Load(new FileImageSource(path), 64, NoLimit);

        Assert.Equal((100, 75), (image.Width, image.Height));
        Assert.Equal(0, cache.Stored);
        Assert.Contains("holds 2 MB, its limit is 2 MB", cache.Problem);
    }

    [Fact]
    public void Clearing_deletes_the_copies_keeps_a_copy_being_written_and_lets_copies_be_made_again_after_the_limit()
    {
        var folder = temp.Folder("resized");
        File.WriteAllBytes(Path.Combine(folder, "earlier.jpg"), new byte[2_000_000]);
        var writing = Path.Combine(folder, "next.jpg.0123.tmp");
        File.WriteAllBytes(writing, [1, 2, 3]);
        var cache = Cache(maxMegabytes: 2);
        var path = GradientJpeg("a.jpg");
        using (cache.Load(new FileImageSource(path), 64, NoLimit)) { }
        Assert.NotNull(cache.Problem); // the folder was full

        Assert.Equal(new ResizeCacheUsage(1, 2_000_000, 2_000_000), cache.Usage());
        var cleared = cache.Clear();

        Assert.Equal((1, 2_000_000L), (cleared.Copies, cleared.Bytes));
        Assert.Empty(Copies());
        Assert.True(File.Exists(writing));
        Assert.Null(cache.Problem);
        using (cache.Load(new FileImageSource(path), 64, NoLimit)) { }
        Assert.Equal(1, cache.Stored);
        Assert.Equal(1, cache.Usage().Copies);
    }

    [Fact]
    public void A_cache_never_written_holds_nothing_and_clears_nothing()
    {
        var cache = Cache();

        Assert.Equal(new ResizeCacheUsage(0, 0, 20_000_000_000), cache.Usage());
        Assert.Equal(0, cache.Clear().Copies);
    }

    [Fact]
    public void Readers_making_the_same_copy_at_once_store_it_once_and_get_the_same_pixels()
    {
        var path = GradientJpeg("a.jpg");
        var cache = Cache();
        const int readers = 8;
        using var start = new Barrier(readers);

        var pixels = Enumerable.Range(0, readers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            using var image = cache.Load(new FileImageSource(path), minShorterSide: 64, NoLimit);
            return Pixels(image);
        }, TaskCreationOptions.LongRunning)).ToArray().Select(task => task.Result).ToList();

        Assert.Equal(1, cache.Stored);
        Assert.Null(cache.Problem);
        Assert.Single(Copies());
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "resized"), "*.tmp", SearchOption.AllDirectories));
        Assert.All(pixels, read => Assert.Equal(pixels[0], read));
    }

    [Fact]
    public void A_loader_gives_the_same_batches_whether_it_makes_the_copies_or_reads_them()
    {
        var items = Enumerable.Range(0, 6).Select(i => new DataItem(new FileImageSource(GradientJpeg($"{i}.jpg", 400 + 40 * i, 300)), i % 2)).ToList();
        var cache = Cache();
        LoaderOptions Options() => new() { Size = 48, BatchSize = 3, Seed = 7, Augmentation = AugmentationOptions.SideOn(), ResizeCache = cache, DecodeThreads = 2 };

        var making = new DataLoader(items, Options()).Epoch(0).ToList();
        Assert.Equal(6, cache.Stored);
        // A decode thread overtaken by the training thread (it got no core for a while) may still read the copy the
        // training thread made: reads are counted, so the second epoch's are counted from here.
        var hitsWhileMaking = cache.Hits;
        var reading = new DataLoader(items, Options()).Epoch(0).ToList();
        Assert.Equal(6, cache.Stored);
        Assert.True(cache.Hits - hitsWhileMaking >= 6, $"the second epoch read {cache.Hits - hitsWhileMaking} of 6 images from copies");

        foreach (var (made, read) in making.Zip(reading))
        {
            Assert.True(made.Images.allclose(read.Images, rtol: 0, atol: 0), "a batch differs between the first and the second reading");
            made.Dispose();
            read.Dispose();
        }
    }
}
