using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Prediction;

/// <summary>One class and its probability.</summary>
public sealed record ClassProbability(string Label, double Probability);

/// <summary>What the classifier says about one file: its top classes, highest first, or why the file could not be read.</summary>
public sealed record ImagePrediction(string File, IReadOnlyList<ClassProbability> Predictions, string? Error = null);

/// <summary>Settings of a prediction pass: the input size (default: the checkpoint's), batch size, classes reported.</summary>
public sealed record PredictOptions
{
    public const int DefaultTop = 5;

    public int? Size { get; init; }
    public int BatchSize { get; init; } = 32;
    public int Top { get; init; } = DefaultTop;
}

/// <summary>
/// Classifies image files with a saved classifier, preprocessing them exactly as validation does (the loader's
/// resize and centre crop, no augmentation), in batches; an unreadable file gets an error instead of predictions.
/// </summary>
public static class ImagePredictor
{
    public static IReadOnlyList<ImagePrediction> Predict(SavedClassifier classifier, IReadOnlyList<string> files, PredictOptions options,
        CancellationToken cancellation = default, IProgress<int>? progress = null)
    {
        var size = options.Size ?? classifier.Info.ImageSize
            ?? throw new InvalidDataException("the checkpoint does not record its image size; give a size");
        var items = files.Select(file => new DataItem(new FileImageSource(file), DataItem.Unlabelled)).ToArray();
        var loader = new DataLoader(items, new LoaderOptions
        {
            Size = size, BatchSize = options.BatchSize, Shuffle = false, Augmentation = AugmentationOptions.None(), DecodeThreads = 1,
        });
        var results = new Dictionary<string, ImagePrediction>();
        using var noGrad = no_grad();
        classifier.Model.eval();
        foreach (var batch in loader.Epoch(0, cancellation))
        {
            using var owned = batch;
            using var scope = NewDisposeScope();
            var probabilities = nn.functional.softmax(classifier.Model.forward(owned.Images), 1);
            var (values, indices) = probabilities.topk(Math.Min(options.Top, classifier.Info.Classes.Count), 1);
            var (p, i) = (values.data<float>().ToArray(), indices.data<long>().ToArray());
            int k = (int)values.shape[1];
            for (int row = 0; row < owned.Count; row++)
            {
                var top = Enumerable.Range(0, k).Select(c => new ClassProbability(classifier.Info.Classes[(int)i[row * k + c]], p[row * k + c])).ToArray();
                results[owned.Items[row].Name] = new ImagePrediction(owned.Items[row].Name, top);
            }
            progress?.Report(results.Count);
        }
        foreach (var skipped in loader.LoadFailures) results[skipped.Path] = new ImagePrediction(skipped.Path, [], skipped.Reason);
        return files.Select(file => results.TryGetValue(file, out var result) ? result : new ImagePrediction(file, [], "not read")).ToArray();
    }
}
