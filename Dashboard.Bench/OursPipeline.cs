using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Precision;
using Dashboard.Training.Recipes;

namespace Dashboard.Bench;

/// <summary>
/// Our training throughput at one size, through the real code path: <see cref="LoaderLearnerData"/> (JPEG decode,
/// augmentation, resize, batching on the loader's background thread) feeding <see cref="Learner.Fit"/> on the pretrained
/// body with the fastai head, unfrozen so backward runs through the whole network, SGD with momentum. The precision is
/// the learner's (<see cref="LearnerOptions.Precision"/>): bf16 runs the forward passes under autocast. The loader reads
/// through the resize cache as the dashboard does (<see cref="BenchOptions.ResizeCache"/>).
/// </summary>
public static class OursPipeline
{
    public static PipelineFigures Measure(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads,
        TrainingPrecision precision = TrainingPrecision.Fp32)
    {
        var data = new WaitTimingData(LoaderData(dataset, options, run.Size, threads));
        var (clock, images) = Fit(data, dataset, options, run.MeasuredBatches, precision);
        var timed = clock.Between(options.WarmupBatches, options.WarmupBatches + run.MeasuredBatches);
        var waited = data.Waits.Skip(options.WarmupBatches).Take(run.MeasuredBatches).Sum();
        return new PipelineFigures(images / timed.Seconds, images, timed.Seconds, waited, timed.CpuSeconds, timed.Allocated / 1024.0 / run.MeasuredBatches);
    }

    /// <summary>The same fit on copies of one decoded batch: compute alone, no loading.</summary>
    public static double ComputeOnlyImagesPerSecond(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads,
        TrainingPrecision precision = TrainingPrecision.Fp32)
    {
        var batches = options.WarmupBatches + run.MeasuredBatches;
        using var data = new RepeatedBatchData(LoaderData(dataset, options, run.Size, threads), batches);
        var (clock, images) = Fit(data, dataset, options, run.MeasuredBatches, precision);
        return images / clock.Between(options.WarmupBatches, batches).Seconds;
    }

    /// <summary>Learner settings with checkpoints and activation caches inside the throw-away dataset folder.</summary>
    public static LearnerOptions LearnerOptionsIn(BenchDataset dataset, BenchOptions options) => new()
    {
        Seed = options.Seed,
        ChannelsLast = options.ChannelsLast,
        ModelsFolder = Path.Combine(dataset.Root, "models"),
        ActivationCacheFolder = Path.Combine(dataset.Root, "activations"),
    };

    /// <summary>The resize cache the dashboard would read through, in the dataset's folder; null with <see cref="BenchOptions.ResizeCache"/> off.</summary>
    public static ResizeCache? ResizeCacheFor(BenchDataset dataset, BenchOptions options) =>
        options.ResizeCache ? new ResizeCache(new ResizeCacheOptions { Folder = Path.Combine(dataset.Root, "resized") }) : null;

    internal static LoaderLearnerData LoaderData(BenchDataset dataset, BenchOptions options, int size, ThreadPlan threads) =>
        new(FolderDataset.Load(dataset.Root), new RecipeData(dataset.Root, size, options.BatchSize, options.Augmentation), options.Seed,
            threads.DecodeThreads, ResizeCacheFor(dataset, options));

    /// <summary>Fits the unfrozen model until the warm-up and <paramref name="measured"/> batches have ended; returns their clock and the images timed.</summary>
    private static (BatchClock Clock, int Images) Fit(ILearnerData data, BenchDataset dataset, BenchOptions options, int measured, TrainingPrecision precision)
    {
        var batches = options.WarmupBatches + measured;
        using var stop = new CancellationTokenSource();
        var clock = new BatchClock(batches, stop);
        using var learner = UnfrozenLearner(data, dataset, options, clock, precision);
        learner.Fit(new FitRequest(options.LearningRate), stop.Token);
        if (clock.Ends.Count < batches) throw new InvalidOperationException($"The fit ended after {clock.Ends.Count} of {batches} batches.");
        return (clock, measured * options.BatchSize);
    }

    /// <summary>The pretrained body with the fastai head, unfrozen, in <paramref name="precision"/> (checked: a figure labelled bf16 must not be an fp32 one).</summary>
    internal static Learner UnfrozenLearner(ILearnerData data, BenchDataset dataset, BenchOptions options, ITrainingEventSink events, TrainingPrecision precision)
    {
        var learner = new Learner(options.CreateBackbone(), data, LearnerOptionsIn(dataset, options) with { Precision = precision }, events);
        if (learner.Precision != precision)
        {
            learner.Dispose();
            throw new InvalidOperationException($"The bench asked for {precision}; the learner runs {learner.Precision} (see its PrecisionChosen event).");
        }
        learner.Unfreeze();
        return learner;
    }
}
