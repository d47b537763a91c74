using System.Diagnostics;
using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Bench;

/// <summary>
/// The loader alone at one size: JPEG decode, augmentation, resize and batching on the plan's decode threads, with
/// nothing else running in this process. Compared with the training rate it says how much of a core loading needs.
/// </summary>
public static class DecodeOnly
{
    /// <summary>
    /// The loader alone on <see cref="BenchOptions.LargeImageWidth"/>×<see cref="BenchOptions.LargeImageHeight"/> JPEGs
    /// at <see cref="BenchOptions.LargeSize"/> px, every batch after the warm-up timed. One image is generated and
    /// copied (drawing 12 MP of noise takes longer than decoding it); every copy is decoded on its own.
    /// </summary>
    public static double LargeImagesPerSecond(BenchOptions options, ThreadPlan threads)
    {
        var large = options with
        {
            ImageWidth = options.LargeImageWidth, ImageHeight = options.LargeImageHeight, Classes = 1,
            TrainImagesPerClass = 1, ValidImagesPerClass = 1,
        };
        using var dataset = BenchDataset.Create(large);
        var first = Directory.EnumerateFiles(dataset.TrainFolder, "*.jpg", SearchOption.AllDirectories).Single();
        for (var i = 1; i < options.LargeImages; i++) File.Copy(first, Path.Combine(Path.GetDirectoryName(first)!, $"{i:D4}.jpg"));
        var measured = options.LargeImages / options.BatchSize - options.WarmupBatches;
        return ImagesPerSecond(dataset, options, new SizeRun(options.LargeSize, measured, 1), threads);
    }

    public static double ImagesPerSecond(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads)
    {
        var loader = new DataLoader(FolderDataset.Load(dataset.Root).Train, new LoaderOptions
        {
            Size = run.Size, BatchSize = options.BatchSize, Seed = options.Seed,
            Augmentation = AugmentationOptions.FromName(options.Augmentation), DecodeThreads = threads.DecodeThreads,
        });
        var clock = new Stopwatch();
        var (batches, images) = (0, 0);
        foreach (var batch in loader.Epoch(0).Take(options.WarmupBatches + run.MeasuredBatches))
        {
            using (batch)
            {
                if (batches >= options.WarmupBatches) images += batch.Count;
            }
            if (++batches == options.WarmupBatches) clock.Start();
        }
        return images / clock.Elapsed.TotalSeconds;
    }
}
