using System.Collections.Concurrent;

namespace Dashboard.Training.Data;

/// <summary>
/// Prepares one epoch's batches on a background thread (and <see cref="LoaderOptions.DecodeThreads"/> − 1 helpers), at
/// most <c>prefetch</c> ahead of the consumer. Decoding runs at the lowest priority the system gives
/// (<see cref="ThreadNice.ForDecoding"/>); when the consumer would have to wait, it prepares the rest of the batch
/// being made itself, at its own priority, until a batch is ready. Disposing stops the threads and frees batches
/// nobody took; a producer failure reaches the consumer.
/// </summary>
internal sealed class BatchProducer : IDisposable
{
    private const int HelpAgainAfterMilliseconds = 5;
    private readonly BlockingCollection<PreparedBatch> ready;
    private readonly CancellationTokenSource stop;
    private readonly Task producing;
    private BatchWork? current;

    public BatchProducer(BatchAssembler assembler, IReadOnlyList<ArraySegment<int>> batches, int epoch, LoaderOptions options, CancellationToken cancellationToken)
    {
        ready = new BlockingCollection<PreparedBatch>(options.Prefetch);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        producing = Task.Factory.StartNew(() => Produce(assembler, batches, epoch, options), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>How many images the consumer prepared itself because no batch was ready (0 while decoding keeps ahead).</summary>
    public int ImagesPreparedByConsumer { get; private set; }

    /// <summary>Batches in order as they become ready; throws if cancelled or if preparing failed.</summary>
    public IEnumerable<PreparedBatch> Consume(CancellationToken cancellationToken)
    {
        while (!ready.IsCompleted)
        {
            if (ready.TryTake(out var batch) || TryTakeAfterHelping(cancellationToken, out batch)) yield return batch;
        }
        producing.GetAwaiter().GetResult();
    }

    /// <summary>
    /// No batch is ready: prepares unclaimed items of the batch being made, then waits a moment for a batch (the decode
    /// threads may still be finishing items they claimed, or a new batch's work may start) before looking again.
    /// </summary>
    private bool TryTakeAfterHelping(CancellationToken cancellationToken, out PreparedBatch batch)
    {
        ImagesPreparedByConsumer += Volatile.Read(ref current)?.Help(cancellationToken, () => ready.Count > 0) ?? 0;
        return ready.TryTake(out batch!, HelpAgainAfterMilliseconds, cancellationToken);
    }

    public void Dispose()
    {
        stop.Cancel();
        // A failure has reached the consumer through Consume (or nobody wants the rest of the epoch): disposing must not
        // replace the consumer's exception with this AggregateException.
        try { producing.Wait(); }
        catch (AggregateException) { }
        finally
        {
            while (ready.TryTake(out var batch)) batch.Release();
            ready.Dispose();
            stop.Dispose();
        }
    }

    /// <summary>Runs on a thread of its own (long-running task), so lowering its priority touches no shared thread.</summary>
    private void Produce(BatchAssembler assembler, IReadOnlyList<ArraySegment<int>> batches, int epoch, LoaderOptions options)
    {
        try
        {
            ThreadNice.ForDecoding(options);
            using var helpers = new DecodeHelpers(options.DecodeThreads - 1, options, stop.Token);
            foreach (var indices in batches)
            {
                using var work = assembler.Start(indices, epoch);
                Volatile.Write(ref current, work);
                helpers.Offer(work);
                work.Help(stop.Token);
                Offer(assembler.Finish(work, stop.Token));
            }
        }
        finally
        {
            ready.CompleteAdding();
        }
    }

    private void Offer(PreparedBatch batch)
    {
        if (batch.Items.Count == 0) { batch.Release(); return; }
        try { ready.Add(batch, stop.Token); }
        catch { batch.Release(); throw; }
    }
}
