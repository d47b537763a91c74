using System.Text.Json.Serialization;

namespace Dashboard.Training.Events;

/// <summary>A recipe began: the data and model it uses.</summary>
public sealed record RunStarted(string Architecture, IReadOnlyList<string> Classes, int TrainCount, int ValidCount, int ImageSize, string Device, int Threads = 0) : TrainingEvent;

/// <summary>The precision a learner computes in: requested, used, and why they differ when they do.</summary>
public sealed record PrecisionChosen(string Requested, string Used, string? Note) : TrainingEvent;

/// <summary>The frozen body's activations are cached; augmentation is off while training on them.</summary>
public sealed record PrecomputeCompleted(int TrainCount, int ValidCount, double Seconds, bool FromCache, string Note) : TrainingEvent;

/// <summary>One mini-batch of the learning-rate finder.</summary>
public sealed record LrFindBatchEnded(int Iteration, double LearningRate, double Loss, double SmoothedLoss) : TrainingEvent;

/// <summary>
/// A learning rate suggested from the finder's curve by one <see cref="Method"/> (valley, slide, minimum, steep), with
/// the smoothed loss fastai marks for it (for minimum, the lowest loss itself, at 10 × the rate).
/// </summary>
public sealed record LrSuggestion(string Method, double LearningRate, double Loss)
{
    /// <summary>The method used when none is chosen (fastai v2's <c>lr_find</c> default).</summary>
    public const string DefaultMethod = "valley";

    /// <summary>The rate <paramref name="method"/> suggested; NaN when it is not among <paramref name="suggestions"/>.</summary>
    public static double RateOf(IReadOnlyList<LrSuggestion> suggestions, string method) =>
        suggestions.FirstOrDefault(s => s.Method == method)?.LearningRate ?? double.NaN;
}

/// <summary>The finder's whole curve, the suggestions from it, and the method whose rate is used.</summary>
public sealed record LrFindCompleted(
    IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses,
    IReadOnlyList<LrSuggestion> Suggestions, string Chosen) : TrainingEvent
{
    /// <summary>Events stored before suggestions existed have no such field: none.</summary>
    public IReadOnlyList<LrSuggestion> Suggestions { get; init; } = Suggestions ?? [];

    public string Chosen { get; init; } = Chosen ?? LrSuggestion.DefaultMethod;

    /// <summary>The chosen method's rate; NaN when it gave none. Not serialised: it follows from the fields above.</summary>
    [JsonIgnore] public double Suggestion => LrSuggestion.RateOf(Suggestions, Chosen);
}

/// <summary>The whole planned learning-rate curve of a fit, one value per iteration, per layer group.</summary>
public sealed record ScheduleComputed(int FitIndex, IReadOnlyList<IReadOnlyList<double>> LearningRatesPerGroup, IReadOnlyList<int> RestartIterations) : TrainingEvent;

/// <summary>A fit began.</summary>
public sealed record FitStarted(int FitIndex, int Epochs, int BatchesPerEpoch, IReadOnlyList<double> LearningRates, bool Precomputed, int FrozenGroups) : TrainingEvent;

/// <summary>One training mini-batch ended. <see cref="Iteration"/> counts batches within the fit.</summary>
public sealed record BatchEnded(int FitIndex, int Iteration, int Epoch, double LearningRate, double Loss) : TrainingEvent;

/// <summary>One epoch ended, with its validation figures. <see cref="Epoch"/> counts across the whole run.</summary>
public sealed record EpochEnded(int FitIndex, int Epoch, double TrainLoss, double ValidLoss, double Accuracy, double Seconds) : TrainingEvent;

public sealed record FitCompleted(int FitIndex, int Epochs) : TrainingEvent;

/// <summary>A fit was cancelled at a batch boundary; the model stays usable.</summary>
public sealed record FitStopped(int FitIndex, int Iteration) : TrainingEvent;

public sealed record FitFailed(int FitIndex, string Message) : TrainingEvent;

/// <summary>Freezing changed: the first <see cref="FrozenGroups"/> layer groups do not train.</summary>
public sealed record LayersFrozen(int FrozenGroups, int TotalGroups) : TrainingEvent;

/// <summary>fastai 0.7's <c>bn_freeze</c> changed: body BatchNorm statistics stay fixed (true) or follow freezing again.</summary>
public sealed record BatchNormFreezeChanged(bool Frozen) : TrainingEvent;

public sealed record Saved(string Name, string Path) : TrainingEvent;

/// <summary>An epoch beat the fit's best so far by <see cref="Monitor"/> (accuracy or validLoss); its weights were saved as <see cref="Name"/>.</summary>
public sealed record BestEpochSaved(int FitIndex, int Epoch, string Name, string Monitor, double ValidLoss, double Accuracy, string Path) : TrainingEvent;

public sealed record Loaded(string Name, string Path) : TrainingEvent;

/// <summary>
/// The first images of an epoch's first batch as the model saw them, as PNG bytes, and their true classes (null in events
/// stored before labels were). The run store keeps the PNGs beside the events, served by URL: a stored event has none
/// in <see cref="Pngs"/>, only their <see cref="Count"/>.
/// </summary>
public sealed record ThumbnailsCaptured(int Epoch, IReadOnlyList<byte[]> Pngs, IReadOnlyList<int>? Labels = null) : TrainingEvent
{
    /// <summary>How many thumbnails were captured, whether their PNGs travel with the event or are stored apart.</summary>
    public int Count { get; init; } = Pngs.Count;
}

/// <summary>The model's class for each image of that epoch's <see cref="ThumbnailsCaptured"/>, once the epoch ended (eval mode).</summary>
public sealed record ThumbnailsPredicted(int Epoch, IReadOnlyList<int> Predicted) : TrainingEvent;

public sealed record TtaCompleted(double Accuracy, double TtaAccuracy) : TrainingEvent;

public sealed record ConfusionMatrixComputed(IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<int>> Counts) : TrainingEvent;

/// <summary>One validation item with its loss: <see cref="Kind"/> is most-wrong, most-confident or most-uncertain.</summary>
public sealed record TopLoss(string Kind, string Item, string Actual, string Predicted, double Probability, double Loss);

public sealed record TopLossesComputed(IReadOnlyList<TopLoss> Items) : TrainingEvent;

public sealed record RunCompleted(double? Accuracy, double? TtaAccuracy, double Seconds) : TrainingEvent;

/// <summary>
/// A stopped, failed or interrupted run continues: the epochs up to <see cref="EpochsKept"/> (counted from 1) and the events up to
/// sequence number <see cref="LastKeptSequence"/> still count; the events after that number and before this one are superseded
/// (the trainer does that part again), though they stay stored and numbered, so a follower by sequence number never meets a
/// number twice. Stored by the server, not the trainer.
/// </summary>
public sealed record RunResumed(int EpochsKept, long LastKeptSequence) : TrainingEvent;

/// <summary>The run ended without completing: <see cref="Status"/> is "failed", "stopped" or "interrupted", with why.</summary>
public sealed record RunEnded(string Status, string? Message) : TrainingEvent;
