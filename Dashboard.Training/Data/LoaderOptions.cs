using Dashboard.Training.Data.Augment;

namespace Dashboard.Training.Data;

/// <summary>How a <see cref="DataLoader"/> turns items into batches.</summary>
public sealed class LoaderOptions
{
    public const int DefaultSize = 224;
    public const int DefaultBatchSize = 64;
    public const int DefaultSeed = 42;
    public const int DefaultPrefetch = 2;
    public const int MaxDecodeThreads = 64;

    /// <summary>Output images are <see cref="Size"/>×<see cref="Size"/> pixels.</summary>
    public int Size { get; set; } = DefaultSize;

    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Shuffle each epoch; the order depends only on (<see cref="Seed"/>, epoch).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Seeds the epoch order and every item's augmentation draw.</summary>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>Training augmentation; <c>none</c> gives the validation transform.</summary>
    public AugmentationOptions Augmentation { get; set; } = new();

    /// <summary>Threads decoding and augmenting images at the same time.</summary>
    public int DecodeThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Batches prepared ahead of the consumer (at least 1); bounds the loader's memory.</summary>
    public int Prefetch { get; set; } = DefaultPrefetch;

    /// <summary>Leave out the last batch when it is smaller than <see cref="BatchSize"/>; by default it is kept.</summary>
    public bool DropLast { get; set; }

    /// <summary>Plain validation loading: no shuffle, no augmentation, every item kept.</summary>
    public static LoaderOptions ForValidation(int size = DefaultSize, int batchSize = DefaultBatchSize) =>
        new() { Size = size, BatchSize = batchSize, Shuffle = false };

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Size, 1, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(DecodeThreads, 1, nameof(DecodeThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DecodeThreads, MaxDecodeThreads, nameof(DecodeThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(Prefetch, 1, nameof(Prefetch));
        Augmentation.Validate();
    }
}
