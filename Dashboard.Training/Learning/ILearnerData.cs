namespace Dashboard.Training.Learning;

/// <summary>What a learner needs from a dataset: batch sources for each use, and names for reports.</summary>
public interface ILearnerData
{
    IReadOnlyList<string> Classes { get; }

    /// <summary>Identifies the dataset and its image size, for the activation cache key.</summary>
    string CacheKey { get; }

    int BatchSize { get; }

    /// <summary>The square size images are trained at, when the data has one (recorded in checkpoints).</summary>
    int? ImageSize => null;

    /// <summary>The training augmentation, when the data has one by name (recorded in checkpoints, for TTA after reopening).</summary>
    Data.Augment.AugmentationSetting? TrainAugmentation => null;

    /// <summary>Shuffled training batches, augmented when <paramref name="augment"/>.</summary>
    IBatchSource Train(bool augment);

    /// <summary>Training items in a fixed order without augmentation (for precomputing activations).</summary>
    IBatchSource TrainInOrder();

    /// <summary>Validation items in a fixed order; augmented with the given seed (for TTA) when not null.</summary>
    IBatchSource Valid(int? augmentationSeed = null);

    /// <summary>A readable name of validation item i (a file path, or "idx:123").</summary>
    string DescribeValidItem(int index);

    /// <summary>What went wrong while reading so far: images left out of their batches, why the resize cache stopped.</summary>
    LoaderProblems Problems() => LoaderProblems.None;
}

/// <summary>Images that failed to decode while training read them, and why the resize cache stopped (null: it did not).</summary>
public sealed record LoaderProblems(IReadOnlyCollection<Data.SkippedFile> Skipped, string? ResizeCache)
{
    public static readonly LoaderProblems None = new([], null);
}
