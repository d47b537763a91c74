using System.Collections.Concurrent;

namespace Dashboard.Training.Data;

/// <summary>
/// Turns items into batches of tensors for one epoch at a time. Decoding and augmentation run in parallel on
/// <see cref="LoaderOptions.DecodeThreads"/> threads (and on the consuming thread when its batch is late, see
/// <see cref="LoaderOptions.ConsumerHelps"/>), at most <see cref="LoaderOptions.Prefetch"/> batches ahead.
/// The order and every augmentation depend only on (<see cref="LoaderOptions.Seed"/>, epoch): the same epoch
/// number gives the same batches. Each <see cref="Batch"/> is the consumer's to dispose (see <see cref="Batch"/>).
/// </summary>
public sealed class DataLoader
{
    private readonly IReadOnlyList<DataItem> items;
    private readonly ConcurrentQueue<SkippedFile> failures = new();
    private readonly BatchAssembler assembler;
    private int imagesPreparedByConsumer;

    public DataLoader(IReadOnlyList<DataItem> items, LoaderOptions options)
    {
        options.Validate();
        (this.items, Options) = (items, options);
        assembler = new BatchAssembler(items, options, failures);
    }

    public LoaderOptions Options { get; }

    /// <summary>Images the consuming thread prepared itself because no batch was ready, over every epoch so far (see <see cref="LoaderOptions.DecodeInIdleTime"/>).</summary>
    public int ImagesPreparedByConsumer => Volatile.Read(ref imagesPreparedByConsumer);

    /// <summary>Items the loader draws from (some may fail to decode; see <see cref="LoadFailures"/>).</summary>
    public int Count => items.Count;

    public int BatchesPerEpoch => EpochOrder.BatchCount(items.Count, Options.BatchSize, Options.DropLast);

    /// <summary>Images that passed the scan-time check but failed to decode; they were left out of their batch.</summary>
    public IReadOnlyCollection<SkippedFile> LoadFailures => failures;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, prepared in the background while the caller works on the
    /// previous one. Stopping early (break, exception, cancellation) stops the background work and frees its buffers;
    /// cancellation surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch, CancellationToken cancellationToken = default)
    {
        var order = EpochOrder.Indices(items.Count, Options.Shuffle, Options.Seed, epoch);
        var batches = EpochOrder.Batches(order, Options.BatchSize, Options.DropLast);
        using var producer = new BatchProducer(assembler, batches, epoch, Options, cancellationToken);
        try
        {
            foreach (var prepared in producer.Consume())
                yield return prepared.ToBatch();
        }
        finally
        {
            Interlocked.Add(ref imagesPreparedByConsumer, producer.ImagesPreparedByConsumer);
        }
    }
}
