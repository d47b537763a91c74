using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>One epoch's captured batch: where its PNGs are stored, their true classes and, after the epoch, the model's.</summary>
public sealed record CapturedBatch(int Epoch, long Sequence, int Count, IReadOnlyList<int>? Labels, IReadOnlyList<int>? Predicted = null);

/// <summary>The batches the trainer captured, epoch by epoch, and whether the current fit trains on cached activations.</summary>
public sealed class BatchThumbnailsView
{
    private readonly List<CapturedBatch> batches = [];

    public IReadOnlyList<CapturedBatch> Batches => batches;

    /// <summary>True while a fit trains the head on precomputed activations: no images, so nothing to capture.</summary>
    public bool Precomputed { get; private set; }

    public void Apply(long sequence, TrainingEvent trainingEvent)
    {
        switch (trainingEvent)
        {
            case FitStarted fit: Precomputed = fit.Precomputed; break;
            case ThumbnailsCaptured captured:
                batches.RemoveAll(b => b.Epoch == captured.Epoch); // a resumed epoch captures again
                batches.Add(new CapturedBatch(captured.Epoch, sequence, captured.Count, captured.Labels));
                break;
            case ThumbnailsPredicted predicted:
                int at = batches.FindLastIndex(b => b.Epoch == predicted.Epoch);
                if (at >= 0) batches[at] = batches[at] with { Predicted = predicted.Predicted };
                break;
        }
    }
}
