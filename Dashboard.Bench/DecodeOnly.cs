using System.Diagnostics;
using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Bench;

/// <summary>
/// The loader alone at one size: JPEG decode, augmentation, resize and batching on the plan's decode threads, with
/// nothing else running in this process (the consumer only takes batches: <see cref="LoaderOptions.ConsumerHelps"/> off,
/// or it would decode as one more thread). Compared with the training rate it says how much of a core loading needs.
/// </summary>
public static class DecodeOnly
{
    /// <summary>
    /// The loader alone on <see cref="BenchOptions.LargeImageWidth"/>×<see cref="BenchOptions.LargeImageHeight"/> JPEGs
    /// at <see cref="BenchOptions.LargeSize"/> px through a <see cref="ResizeCache"/>, as the dashboard trains: the first
    /// epoch (every image decoded at libjpeg-turbo's scale and its copy written), then the next (every image read from its
    /// copy), every batch after the warm-up timed. One image is generated and copied (drawing 12 MP takes longer than
    /// decoding it); every copy is decoded on its own.
    /// </summary>
    public static LargeDecodeFigures LargeImagesPerSecond(BenchOptions options, ThreadPlan threads)
    {
        var large = options with
        {
            ImageWidth = options.LargeImageWidth, ImageHeight = options.LargeImageHeight, Classes = 1,
            TrainImagesPerClass = 1, ValidImagesPerClass = 1,
        };
        using var dataset = BenchDataset.Create(large);
        var first = Directory.EnumerateFiles(dataset.TrainFolder, "*.jpg", SearchOption.AllDirectories).Single();
        for (var i = 1; i < options.LargeImages; i++) File.Copy(first, Path.Combine(Path.GetDirectoryName(first)!, $"{i:D4}.jpg"));
        var run = new SizeRun(options.LargeSize, options.LargeImages / options.BatchSize - options.WarmupBatches);
        var cache = new ResizeCache(new ResizeCacheOptions { Folder = Path.Combine(dataset.Root, "resized") });
        var firstEpoch = ImagesPerSecond(dataset, options, run, threads, cache, epoch: 0);
        var fromCopies = ImagesPerSecond(dataset, options, run, threads, cache, epoch: 1);
        if (cache.Problem is { } problem) throw new InvalidOperationException("The bench's resize cache failed: " + problem);
        var files = Directory.GetFiles(Path.GetDirectoryName(first)!, "*.jpg");
        var needed = ImageTransforms.SourceShorterSide(options.LargeSize, AugmentationOptions.FromName(options.Augmentation));
        return new LargeDecodeFigures(fromCopies, firstEpoch, DecodeImagesPerSecond(files, threads, 0), DecodeImagesPerSecond(files, threads, needed),
            new FileInfo(first).Length / 1e6);
    }

    /// <summary>
    /// Every file decoded alone, on as many threads as the loader decodes with: at full size (<paramref name="minShorterSide"/>
    /// 0: what a decoder without scaled decoding must do before resizing, the reference), or at the libjpeg-turbo scale
    /// the loader picks for its shorter side (the most a loader built on scaled decoding can gain: no augmentation, no resize).
    /// </summary>
    public static double DecodeImagesPerSecond(IReadOnlyList<string> files, ThreadPlan threads, int minShorterSide)
    {
        Decode(files[0], minShorterSide); // warm-up: codec tables, first allocation
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads.DecodeThreads }, file => Decode(file, minShorterSide));
        return files.Count / clock.Elapsed.TotalSeconds;
    }

    private static void Decode(string path, int minShorterSide)
    {
        using var bitmap = ImageDecoder.Decode(path, minShorterSide, long.MaxValue);
    }

    /// <summary>
    /// One untimed epoch of the training images at the run's size through <paramref name="cache"/>, as lesson 1's
    /// precompute pass reads every image before the augmented epochs: it writes the copies the timed fits read. Returns
    /// how many copies the cache holds for this size (0: the files are too small to have any).
    /// </summary>
    public static int MakeResizeCopies(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, ResizeCache cache)
    {
        foreach (var batch in Loader(dataset, options, run, threads, cache).Epoch(0)) batch.Dispose();
        if (cache.Problem is { } problem) throw new InvalidOperationException("The bench's resize cache failed: " + problem);
        return cache.Stored + cache.Hits;
    }

    /// <summary>The loader's rate over one epoch's batches after the warm-up; <paramref name="cache"/> null: every file decoded.</summary>
    public static double ImagesPerSecond(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, ResizeCache? cache = null, int epoch = 0)
    {
        var loader = Loader(dataset, options, run, threads, cache);
        var clock = new Stopwatch();
        var (batches, images) = (0, 0);
        foreach (var batch in loader.Epoch(epoch).Take(options.WarmupBatches + run.MeasuredBatches))
        {
            using (batch)
            {
                if (batches >= options.WarmupBatches) images += batch.Count;
            }
            if (++batches == options.WarmupBatches) clock.Start();
        }
        return images / clock.Elapsed.TotalSeconds;
    }

    private static DataLoader Loader(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, ResizeCache? cache) =>
        new(FolderDataset.Load(dataset.Root).Train, new LoaderOptions
        {
            Size = run.Size, BatchSize = options.BatchSize, Seed = options.Seed,
            Augmentation = AugmentationOptions.FromName(options.Augmentation), DecodeThreads = threads.DecodeThreads, ResizeCache = cache,
            ConsumerHelps = false,
        });
}

/// <summary>
/// The loader alone on camera-size JPEGs through the resize cache (an epoch reading the copies, and the first epoch,
/// which makes them), and a decode of the same files on as many threads, at full size and at the loader's scale; the
/// file's size in MB (a 12 MP camera JPEG is typically 3 to 6 MB).
/// </summary>
public sealed record LargeDecodeFigures(double LoaderImagesPerSecond, double FirstEpochImagesPerSecond, double FullDecodeImagesPerSecond,
    double ScaledDecodeImagesPerSecond, double FileMegabytes)
{
    /// <summary>How many times faster than a full decode the loader delivers finished tensors once the copies exist (the goal: ≥ 5).</summary>
    public double SpeedupOverFullDecode => LoaderImagesPerSecond / FullDecodeImagesPerSecond;

    /// <summary>The same in the first epoch, which decodes every file at libjpeg-turbo's scale and writes its copy.</summary>
    public double FirstEpochSpeedupOverFullDecode => FirstEpochImagesPerSecond / FullDecodeImagesPerSecond;

    /// <summary>What scaled decoding itself gains over a full decode (entropy decoding is never skipped), the bound of <see cref="FirstEpochSpeedupOverFullDecode"/>.</summary>
    public double ScaledDecodeSpeedup => ScaledDecodeImagesPerSecond / FullDecodeImagesPerSecond;
}
