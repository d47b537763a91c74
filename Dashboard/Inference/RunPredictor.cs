using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Prediction;
using Microsoft.Extensions.Options;

namespace Dashboard.Inference;

/// <summary>One image's answer: top classes, highest first, or why it could not be read; with a Grad-CAM overlay when asked.</summary>
public sealed record PredictedImage(string File, IReadOnlyList<ClassProbability> Predictions, string? Error = null)
{
    /// <summary>PNG of the predicted class's Grad-CAM over the image the model saw (not serialised by the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[]? HeatMapPng { get; init; }
}

/// <summary>
/// Predicts with a run's weights for the page and the API alike: <see cref="Admit"/> counts the user's request and finds
/// the checkpoint before any upload is read; <see cref="PredictAsync"/> classifies as validation preprocesses (optionally
/// with TTA and heat maps), one request at a time, off the request thread.
/// </summary>
public sealed class RunPredictor(RunStore store, DashboardPaths paths, PredictionRateLimiter limiter, IOptions<LimitsOptions> limits) : IDisposable
{
    /// <summary>Side of the heat-map PNGs (the model's input is upscaled to it when smaller).</summary>
    public const int HeatMapPixels = 224;

    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private (string Path, DateTime Written, SavedClassifier Classifier)? opened;

    public LimitsOptions Limits => limits.Value;

    /// <exception cref="PredictionRefused">Over the user's rate, no such run or checkpoint, no weights, or a mismatched file.</exception>
    public RunCheckpoint Admit(string user, string runId, string? checkpoint)
    {
        if (store.Find(runId) is null) throw PredictionRefused.NotFound($"There is no run '{runId}'.");
        limiter.Acquire(user);
        return RunCheckpoint.Resolve(store, paths, runId, checkpoint);
    }

    public Task<IReadOnlyList<PredictedImage>> PredictAsync(RunCheckpoint checkpoint, IReadOnlyList<ImageToPredict> images, bool tta, bool heatMaps,
        CancellationToken cancellation) =>
        OneAtATimeAsync(checkpoint, classifier => Predict(classifier, images, tta, heatMaps, cancellation), cancellation);

    /// <summary>Grad-CAM of <paramref name="label"/> over a file (a dataset image) with the checkpoint's weights.</summary>
    public Task<byte[]> HeatMapAsync(RunCheckpoint checkpoint, string path, string label, CancellationToken cancellation) =>
        OneAtATimeAsync(checkpoint, classifier => classifier.Info.Classes.Contains(label) ? HeatMapPng(classifier, path, label)
            : throw PredictionRefused.BadRequest($"'{label}' is not one of the model's classes."), cancellation);

    /// <summary>Runs <paramref name="use"/> off the request thread, one at a time, with the checkpoint opened (kept open while it is unchanged).</summary>
    private async Task<T> OneAtATimeAsync<T>(RunCheckpoint checkpoint, Func<SavedClassifier, T> use, CancellationToken cancellation)
    {
        await oneAtATime.WaitAsync(cancellation);
        try { return await Task.Run(() => use(Open(checkpoint.Path)), cancellation); }
        catch (InvalidDataException e) { throw PredictionRefused.Conflict(e.Message); }
        catch (DatasetException e) { throw PredictionRefused.BadRequest(e.Message); }
        finally { oneAtATime.Release(); }
    }

    private SavedClassifier Open(string path)
    {
        var written = File.GetLastWriteTimeUtc(path);
        if (opened is { } cached && cached.Path == path && cached.Written == written) return cached.Classifier;
        opened?.Classifier.Dispose();
        opened = null;
        var classifier = SavedClassifier.Open(path);
        opened = (path, written, classifier);
        return classifier;
    }

    private static IReadOnlyList<PredictedImage> Predict(SavedClassifier classifier, IReadOnlyList<ImageToPredict> images, bool tta, bool heatMaps, CancellationToken cancellation)
    {
        var predictions = ImagePredictor.Predict(classifier, images.Select(i => i.Path).ToArray(), new PredictOptions { Tta = tta }, cancellation);
        return images.Zip(predictions, (image, p) => new PredictedImage(image.Name, p.Predictions, p.Error)
        {
            HeatMapPng = heatMaps && p.Error is null ? HeatMapPng(classifier, image.Path, p.Predictions[0].Label) : null,
        }).ToArray();
    }

    /// <summary>Grad-CAM of <paramref name="label"/> over the file as validation shows it to the model.</summary>
    public static byte[] HeatMapPng(SavedClassifier classifier, string path, string label)
    {
        var size = classifier.Info.ImageSize ?? throw new InvalidDataException($"{path}: the checkpoint does not record its image size");
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var image = ItemTensors.Plain(new DataItem(new FileImageSource(path), DataItem.Unlabelled), size);
        var heat = GradCam.Compute(classifier.Model, image.Images, classifier.Info.Classes.ToList().IndexOf(label));
        return HeatMapOverlay.Png(image.Images, heat, Math.Max(size, HeatMapPixels));
    }

    public void Dispose()
    {
        opened?.Classifier.Dispose();
        oneAtATime.Dispose();
    }
}
