using Dashboard.Training.Models;

namespace Dashboard.Training.Learning;

public enum OptimizerKind { Sgd, Adam }

/// <summary>Optimizer and housekeeping settings of a learner; defaults follow fastai's lesson 1.</summary>
public sealed record LearnerOptions
{
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    public double Momentum { get; init; } = 0.9;
    /// <summary>L2 weight decay; 0 as fastai 0.7's <c>fit</c> (its <c>wds=None</c> becomes 0 in <c>LayerOptimizer</c>).</summary>
    public double WeightDecay { get; init; }
    public double AdamBeta1 { get; init; } = 0.9;
    public double AdamBeta2 { get; init; } = 0.99;
    public HeadOptions Head { get; init; } = new();
    /// <summary>β of the epoch's reported training loss (<see cref="SmoothedLoss"/>), fastai's 0.98.</summary>
    public double TrainLossSmoothing { get; init; } = 0.98;

    /// <summary>The number format to compute in (resolved against the machine: see <see cref="Precision.PrecisionChoice"/>).</summary>
    public Precision.TrainingPrecision Precision { get; init; } = Training.Precision.TrainingPrecision.Fp32;

    /// <summary>Images enter the model in channels-last memory order (<see cref="Models.TransferModel.ChannelsLast"/>); off for the plain layout.</summary>
    public bool ChannelsLast { get; init; } = true;

    /// <summary>How often the trainer reports the machine's load (<see cref="Callbacks.SystemSampler"/>); a fit's end reports too.</summary>
    public TimeSpan SystemSampleInterval { get; init; } = Callbacks.SystemSampler.DefaultInterval;

    /// <summary>Dynamic loss scaling for fp16 (unused in fp32 and bf16, whose range needs none).</summary>
    public Precision.LossScaleOptions LossScale { get; init; } = new();

    /// <summary>
    /// fastai v2's <c>train_bn</c>: BatchNorm layers of frozen groups keep training (parameters and running statistics).
    /// Off by default, as fastai 0.7: a frozen group is frozen entirely and its BatchNorm layers run in eval mode.
    /// </summary>
    public bool TrainFrozenBatchNorm { get; init; }
    public int Seed { get; init; }

    /// <summary>Where <c>Save(name)</c> writes checkpoints.</summary>
    public string ModelsFolder { get; init; } = Path.Combine(Path.GetTempPath(), "dashboard-models");

    /// <summary>Where precomputed activations are cached, keyed by dataset, backbone and image size.</summary>
    public string ActivationCacheFolder { get; init; } = Path.Combine(Path.GetTempPath(), "dashboard-activations");

    /// <summary>Augmented training images shown per epoch (0 = none), as PNG thumbnails of this size.</summary>
    public int ThumbnailCount { get; init; } = 8;
    public int ThumbnailSize { get; init; } = 96;

    /// <summary>Epochs of a learner that report thumbnails at most, so a long run's store stays small.</summary>
    public int MaxThumbnailEpochs { get; init; } = 50;

    /// <summary>Largest learning rate accepted by fit (anything above is almost surely a typo).</summary>
    public double MaxLearningRate { get; init; } = 10;

    /// <summary>
    /// libtorch intra-op threads while fitting or sweeping the head on precomputed activations (null: leave them).
    /// The head's matrices are tiny, so a second thread only adds a fork and join per operation, and on a busy machine
    /// each join waits for a descheduled thread: measured on 2 busy cores, 1 thread made lr_find 4–10× faster.
    /// </summary>
    public int? PrecomputedThreads { get; init; } = 1;
}

/// <summary>
/// The learning-rate finder's sweep (fastai: 1e-7 to 10, at most 100 batches, β = 0.98, stop at 4× the best), and the
/// suggestion method whose rate is offered (one of <see cref="Schedules.LrSuggestions.Methods"/>).
/// </summary>
public sealed record LrFindOptions
{
    public double StartLearningRate { get; init; } = 1e-7;
    public double EndLearningRate { get; init; } = 10;
    public int MaxIterations { get; init; } = 100;
    public double SmoothingBeta { get; init; } = 0.98;
    public double DivergenceFactor { get; init; } = 4;
    public string Suggestion { get; init; } = Events.LrSuggestion.DefaultMethod;
}
