using System.Diagnostics;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;

namespace Dashboard.Bench;

/// <summary>What precomputing activations costs and saves, and lr_find on the cache; one learner, body frozen.</summary>
public sealed record PrecomputeFigures(int Size, int Images, double PrecomputeSeconds, double HeadEpochSeconds, double FrozenEpochSeconds,
    double UnfrozenEpochSeconds, LrFindFigures LrFind)
{
    /// <summary>A full frozen epoch (decode, augmentation, body forward) ÷ a head epoch on the cached activations.</summary>
    public double Speedup => FrozenEpochSeconds / HeadEpochSeconds;

    /// <summary>A frozen full epoch ÷ an unfrozen one: the frozen body runs forward only, so well under 1 (goal ≤ 0.5 at 224 px).</summary>
    public double FrozenToUnfrozenRatio => FrozenEpochSeconds / UnfrozenEpochSeconds;
}

/// <summary>
/// Times, on a share of the dataset (<see cref="BenchOptions.PrecomputeTrainImages"/>) at <see cref="BenchOptions.PrecomputeSize"/>: caching the frozen body's activations
/// (a fresh cache), a head epoch on the cache (median of <see cref="BenchOptions.HeadEpochs"/>, after one warm-up epoch),
/// lr_find on the cache, then a frozen and an unfrozen epoch on augmented images. Every epoch time includes its validation pass.
/// </summary>
public static class PrecomputeBench
{
    public static PrecomputeFigures Measure(BenchDataset dataset, BenchOptions options, ThreadPlan threads)
    {
        var bunch = Subset(FolderDataset.Load(dataset.Root), options.PrecomputeTrainImages);
        var settings = new RecipeData(dataset.Root, options.PrecomputeSize, options.BatchSize, options.Augmentation);
        var data = new LoaderLearnerData(bunch, settings, options.Seed, threads.DecodeThreads);
        var events = new RecordingEventSink();
        using var learner = new Learner(options.CreateBackbone(), data, OursPipeline.LearnerOptionsIn(dataset, options), events);
        var precompute = Time(() => learner.SetPrecompute(true));
        if (events.Events.OfType<PrecomputeCompleted>().Single().FromCache) throw new InvalidOperationException("The activations came from an old cache.");
        learner.Fit(new FitRequest(options.LearningRate));
        var head = Median(learner.Fit(new FitRequest(options.LearningRate, cycles: options.HeadEpochs)).Epochs.Select(epoch => epoch.Seconds));
        var lrFind = LrFindBench.Measure(learner, options.LrFindIterations);
        learner.SetPrecompute(false);
        var frozen = learner.Fit(new FitRequest(options.LearningRate)).Epochs.Single().Seconds;
        learner.Unfreeze();
        var unfrozen = learner.Fit(new FitRequest(options.LearningRate)).Epochs.Single().Seconds;
        return new PrecomputeFigures(options.PrecomputeSize, bunch.Train.Count + bunch.Valid.Count, precompute, head, frozen, unfrozen, lrFind);
    }

    /// <summary>The first <paramref name="trainImages"/> training images, the same number from each class, and every validation image.</summary>
    private static DataBunch Subset(DataBunch bunch, int trainImages)
    {
        var perClass = trainImages / bunch.Classes.Count;
        var train = bunch.Train.GroupBy(item => item.Label).SelectMany(items => items.Take(perClass)).ToList();
        return new DataBunch { Source = bunch.Source, Classes = bunch.Classes, Train = train, Valid = bunch.Valid };
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
