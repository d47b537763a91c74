using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Prediction;

/// <summary>One class and its probability.</summary>
public sealed record ClassProbability(string Label, double Probability);

/// <summary>What the classifier says about one file: its top classes, highest first, or why the file could not be read.</summary>
public sealed record ImagePrediction(string File, IReadOnlyList<ClassProbability> Predictions, string? Error = null);

/// <summary>
/// Settings of a prediction pass: the input size (default: the checkpoint's), batch size, classes reported, and test-time
/// augmentation (<see cref="Tta"/>) with the checkpoint's recorded augmentation unless <see cref="TtaAugmentation"/> says otherwise.
/// </summary>
public sealed record PredictOptions
{
    public const int DefaultTop = 5;

    public int? Size { get; init; }
    public int BatchSize { get; init; } = 32;
    public int Top { get; init; } = DefaultTop;
    public bool Tta { get; init; }
    public AugmentationOptions? TtaAugmentation { get; init; }
}

/// <summary>
/// Classifies image files with a saved classifier, preprocessing them exactly as validation does (the loader's
/// resize and centre crop, no augmentation), in batches; an unreadable file gets an error instead of predictions.
/// With TTA, as the learner's: the mean of the plain probabilities and <see cref="LearnerPredictions.TtaAugmentedViews"/>
/// augmented views, view k drawn with loader seed k (the learner uses its run seed × 1000 + k).
/// </summary>
public static class ImagePredictor
{
    public static IReadOnlyList<ImagePrediction> Predict(SavedClassifier classifier, IReadOnlyList<string> files, PredictOptions options,
        CancellationToken cancellation = default, IProgress<int>? progress = null)
    {
        var size = options.Size ?? classifier.Info.ImageSize
            ?? throw new InvalidDataException("the checkpoint does not record its image size; give a size");
        var views = Views(classifier, options);
        var items = files.Select(file => new DataItem(new FileImageSource(file), DataItem.Unlabelled)).ToArray();
        var sums = new Dictionary<string, float[]>();
        var failures = new Dictionary<string, string>();
        for (int view = 0; view < views.Count; view++)
        {
            var loader = Loader(items, size, options.BatchSize, views[view], seed: view);
            Accumulate(classifier, loader, sums, cancellation, view == 0 ? progress : null);
            foreach (var skipped in loader.LoadFailures) failures[skipped.Path] = skipped.Reason;
        }
        return files.Select(file => Result(file, sums, failures, views.Count, classifier.Info.Classes, options.Top)).ToArray();
    }

    /// <summary>The plain view, then with TTA the augmented ones.</summary>
    private static IReadOnlyList<AugmentationOptions> Views(SavedClassifier classifier, PredictOptions options)
    {
        if (!options.Tta) return [AugmentationOptions.None()];
        var augmentation = options.TtaAugmentation ?? classifier.Info.Augmentation?.Options()
            ?? throw new InvalidDataException("the checkpoint does not record its training augmentation (saved before it was recorded), which TTA reuses; save it again from its run");
        return [AugmentationOptions.None(), .. Enumerable.Repeat(augmentation, LearnerPredictions.TtaAugmentedViews)];
    }

    private static DataLoader Loader(IReadOnlyList<DataItem> items, int size, int batchSize, AugmentationOptions augmentation, int seed) =>
        new(items, new LoaderOptions { Size = size, BatchSize = batchSize, Shuffle = false, Seed = seed, Augmentation = augmentation, DecodeThreads = 1 });

    /// <summary>Adds each file's class probabilities of one view to its running sum.</summary>
    private static void Accumulate(SavedClassifier classifier, DataLoader loader, Dictionary<string, float[]> sums, CancellationToken cancellation, IProgress<int>? progress)
    {
        using var noGrad = no_grad();
        classifier.Model.eval();
        int done = 0;
        foreach (var batch in loader.Epoch(0, cancellation))
        {
            using var owned = batch;
            using var scope = NewDisposeScope();
            var probabilities = nn.functional.softmax(classifier.Model.forward(owned.Images), 1).data<float>().ToArray();
            int classes = classifier.Info.Classes.Count;
            for (int row = 0; row < owned.Count; row++)
            {
                var sum = SumOf(sums, owned.Items[row].Name, classes);
                for (int c = 0; c < classes; c++) sum[c] += probabilities[row * classes + c];
            }
            progress?.Report(done += owned.Count);
        }
    }

    private static float[] SumOf(Dictionary<string, float[]> sums, string file, int classes) =>
        sums.TryGetValue(file, out var sum) ? sum : sums[file] = new float[classes];

    private static ImagePrediction Result(string file, Dictionary<string, float[]> sums, Dictionary<string, string> failures, int views,
        IReadOnlyList<string> classes, int top)
    {
        if (failures.TryGetValue(file, out var reason)) return new ImagePrediction(file, [], reason);
        if (!sums.TryGetValue(file, out var sum)) return new ImagePrediction(file, [], "not read");
        return new ImagePrediction(file, sum.Select((total, c) => new ClassProbability(classes[c], total / views))
            .OrderByDescending(p => p.Probability).Take(top).ToArray());
    }
}
