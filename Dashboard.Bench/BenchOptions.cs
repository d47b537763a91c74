using Dashboard.Training.Models;
using Dashboard.Training.Models.Torchvision;

namespace Dashboard.Bench;

/// <summary>One image size of the throughput comparison: batches timed after the warm-up in each single measurement (PyTorch, the loader alone, bf16).</summary>
public sealed record SizeRun(int Size, int MeasuredBatches);

/// <summary>
/// Everything the benchmark does, in one place: the generated dataset, the sizes and batches timed, thread counts,
/// the precompute / lr_find / compute figures and the PyTorch reference. <see cref="Full"/> is the reported run
/// (under 10 minutes on 2 cores), <see cref="Short"/> the smoke test (a few small batches, under a minute).
/// </summary>
public sealed record BenchOptions
{
    public const string DefaultPython = "/usr/bin/python3";
    public const string ScriptRelativePath = "python/pytorch_pipeline.py";

    /// <summary>
    /// The torchvision-layout network both sides train, randomly initialised (the compute does not depend on the
    /// weights). Not the bundled ONNX ResNet-18: that CNTK export has a third block in its last stage, 13 % more work.
    /// </summary>
    public string Architecture { get; init; } = "resnet18";

    public Backbone CreateBackbone() => TorchvisionResNet.Create(Architecture);
    public int Classes { get; init; } = 2;
    public int TrainImagesPerClass { get; init; } = 256;
    public int ValidImagesPerClass { get; init; } = 16;
    public int ImageWidth { get; init; } = 500;
    public int ImageHeight { get; init; } = 375;
    public int JpegQuality { get; init; } = 90;

    /// <summary>
    /// The loader alone on camera-size JPEGs (<see cref="LargeImageWidth"/>×<see cref="LargeImageHeight"/>) at
    /// <see cref="LargeSize"/> px: what decoding at a reduced libjpeg-turbo scale buys. The first <see cref="WarmupBatches"/> batches are the warm-up.
    /// </summary>
    public int LargeImageWidth { get; init; } = 4000;
    public int LargeImageHeight { get; init; } = 3000;
    public int LargeImages { get; init; } = 160;
    public int LargeSize { get; init; } = 224;
    public int BatchSize { get; init; } = 32;
    public int WarmupBatches { get; init; } = 3;
    public IReadOnlyList<SizeRun> Sizes { get; init; } = [new(224, 8), new(128, 12)];

    /// <summary>
    /// Rounds of the efficiency measurement per size (see <see cref="Efficiency.EfficiencySchedule"/>): the pipeline fit and
    /// the compute-alone fit take turns in slots of pipeline, compute alone, compute alone, pipeline, and the efficiency
    /// pools them all. On a shared 2-core VM one batch's time swings by about 10 %, mostly in bursts of a few seconds
    /// that slots of one batch share; 30 rounds bring the standard error to about 1 % (4 and 1.5 minutes at 224 and 128 px).
    /// </summary>
    public int EfficiencyRounds { get; init; } = 30;

    /// <summary>Timed batches in each slot of the efficiency measurement.</summary>
    public int EfficiencySlotBatches { get; init; } = 1;

    /// <summary>Untimed batches at the start of each turn after a switch (0: none; turns were measured to cost nothing on a CPU).</summary>
    public int TurnLeadInBatches { get; init; }

    /// <summary>
    /// Our loader reads through a resize cache, as the dashboard trains (<c>Dashboard:ResizeCacheMegabytes</c>, on by
    /// default), its copies made by an untimed pass first, as lesson 1's precompute pass makes them; <c>--no-resize-cache</c>
    /// decodes every file. Only JPEGs at least twice the side a size needs get copies (128 px, not 224 px, from 500×375).
    /// </summary>
    public bool ResizeCache { get; init; } = true;
    public string Augmentation { get; init; } = "side_on";
    public double LearningRate { get; init; } = 1e-3;
    public int Seed { get; init; } = 42;

    /// <summary>Our model in channels-last memory order, as the dashboard trains (<c>--contiguous</c>: the plain layout, for comparison).</summary>
    public bool ChannelsLast { get; init; } = true;

    /// <summary>Threads for libtorch and for decoding; null chooses from the core count (see <see cref="ThreadPlan"/>).</summary>
    public int? ComputeThreads { get; init; }
    public int? DecodeThreads { get; init; }

    /// <summary>
    /// Size of the precompute and lr_find figures, on the first <see cref="PrecomputeTrainImages"/> training images (all
    /// classes) and the whole validation set; the head epochs are timed <see cref="HeadEpochs"/> times (median).
    /// </summary>
    public int PrecomputeSize { get; init; } = 224;
    public int PrecomputeTrainImages { get; init; } = 128;
    public int HeadEpochs { get; init; } = 5;
    public int LrFindIterations { get; init; } = 100;

    public int MatmulSize { get; init; } = 2048;
    public int MatmulRepeats { get; init; } = 10;
    public int ForwardRepeats { get; init; } = 3;

    public string Python { get; init; } = DefaultPython;

    /// <summary>The PyTorch script; null looks for <see cref="ScriptRelativePath"/> above the app and the working folder.</summary>
    public string? Script { get; init; }
    public TimeSpan PythonTimeout { get; init; } = TimeSpan.FromMinutes(4);

    public static BenchOptions Full() => new();

    public static BenchOptions Short() => new()
    {
        TrainImagesPerClass = 4, ValidImagesPerClass = 2, BatchSize = 4, WarmupBatches = 1, LargeImages = 8, Sizes = [new(224, 1), new(128, 1)],
        PrecomputeSize = 128, PrecomputeTrainImages = 8, HeadEpochs = 1, LrFindIterations = 10,
        MatmulSize = 512, MatmulRepeats = 2, ForwardRepeats = 1, PythonTimeout = TimeSpan.FromSeconds(60), EfficiencyRounds = 2,
    };

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Classes, 2, nameof(Classes));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 2, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(WarmupBatches, 1, nameof(WarmupBatches));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfficiencyRounds, 1, nameof(EfficiencyRounds));
        ArgumentOutOfRangeException.ThrowIfNegative(TurnLeadInBatches, nameof(TurnLeadInBatches));
        if (Sizes.Count == 0) throw new ArgumentException("Give at least one size.", nameof(Sizes));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfficiencySlotBatches, 1, nameof(EfficiencySlotBatches));
        if (Sizes.Any(run => run.Size < 1 || run.MeasuredBatches < 1))
            throw new ArgumentException("Each size needs a positive size and at least one timed batch.", nameof(Sizes));
        ArgumentOutOfRangeException.ThrowIfLessThan(PrecomputeTrainImages, Classes, nameof(PrecomputeTrainImages));
        if (LargeImages < (WarmupBatches + 1) * BatchSize)
            throw new ArgumentException($"{LargeImages} large images cannot fill the warm-up and one timed batch of {BatchSize}.", nameof(LargeImages));
        var needed = Sizes.Max(run => (WarmupBatches + run.MeasuredBatches) * BatchSize);
        if (Classes * TrainImagesPerClass < needed)
            throw new ArgumentException($"{Classes * TrainImagesPerClass} training images cannot fill {needed / BatchSize} batches of {BatchSize}.", nameof(TrainImagesPerClass));
    }
}
