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
    public const int DefaultDecodeNice = 10;
    public const long DefaultMaxPixels = 40_000_000;
    private const int CoresPerDecodeThread = 4;
    private const int MaxNice = 19;

    public static int DecodeThreadsFor(int cores) => Math.Max(1, cores / CoresPerDecodeThread);

    /// <summary>Output images are <see cref="Size"/>×<see cref="Size"/> pixels.</summary>
    public int Size { get; set; } = DefaultSize;

    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Shuffle each epoch; the order depends only on (<see cref="Seed"/>, epoch).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Seeds the epoch order and every item's augmentation draw.</summary>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>Training augmentation; <c>none</c> gives the validation transform.</summary>
    public AugmentationOptions Augmentation { get; set; } = new();

    /// <summary>
    /// Threads decoding and augmenting images at the same time. Training is compute-bound (a 224 px ResNet-18 step
    /// costs ~15× a JPEG decode and augmentation), so libtorch keeps every core and one decode thread per four cores
    /// (at least one) prepares the next batch beside it.
    /// </summary>
    public int DecodeThreads { get; set; } = DecodeThreadsFor(Environment.ProcessorCount);

    /// <summary>
    /// Decode threads run under Linux's SCHED_IDLE policy: they get a core only when no other thread wants it, so decoding
    /// uses the gaps libtorch leaves (about 8 % of 2 cores in a ResNet-18 step here) and never takes a slice from a
    /// compute thread, which on a machine with libtorch on every core stalls the others at their next barrier (measured
    /// on 2 cores at 224 px, the bench's two fits taking turns: pipeline ÷ compute alone 95.1 % ± 1.4 % at nice 10, 97.7 % ± 0.5 % idle). When no batch is
    /// ready, the training thread prepares the rest of the next one itself, at its own priority, so a machine with no
    /// idle core still trains at the pace of a loader without threads (<see cref="ConsumerHelps"/>; with it off such a machine waits
    /// for decode threads that hardly run). Off, or where SCHED_IDLE is refused: <see cref="DecodeNice"/>.
    /// </summary>
    public bool DecodeInIdleTime { get; set; } = true;

    /// <summary>
    /// When no batch is ready, the thread taking batches (the training thread) prepares the rest of the next one itself
    /// instead of waiting. Off: only the <see cref="DecodeThreads"/> decode, as the benchmark's loader-alone rate
    /// measures them (a consumer with nothing else to do would otherwise decode as one more thread).
    /// </summary>
    public bool ConsumerHelps { get; set; } = true;

    /// <summary>Added to the decode threads' nice value when they do not run in idle time (Linux; 0 = unchanged).</summary>
    public int DecodeNice { get; set; } = DefaultDecodeNice;

    /// <summary>
    /// Images with more pixels than this (width × height, from the header) are refused before any pixel memory is
    /// allocated and reported as skipped: a hostile 60000×60000 PNG would otherwise ask for 14 GB.
    /// </summary>
    public long MaxPixels { get; set; } = DefaultMaxPixels;

    /// <summary>
    /// Shrunk copies of files much larger than training needs, shared by every loader that reads the same images (the
    /// copies' size limit is counted per instance); null: every read decodes the file.
    /// </summary>
    public ResizeCache? ResizeCache { get; set; }

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
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(DecodeNice, 0, nameof(DecodeNice));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DecodeNice, MaxNice, nameof(DecodeNice));
        Augmentation.Validate();
    }
}
