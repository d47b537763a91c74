using System.Collections.Concurrent;

namespace Dashboard.Training.Data;

/// <summary>
/// Prepares one epoch's batches on a background thread, at most <c>prefetch</c> ahead of the consumer.
/// Disposing it stops the thread and frees batches nobody took; a producer failure reaches the consumer.
/// </summary>
internal sealed class BatchProducer : IDisposable
{
    private readonly BlockingCollection<PreparedBatch> ready;
    private readonly CancellationTokenSource stop;
    private readonly Task producing;

    public BatchProducer(BatchAssembler assembler, IReadOnlyList<ArraySegment<int>> batches, int epoch, int prefetch, int nice, CancellationToken cancellationToken)
    {
        ready = new BlockingCollection<PreparedBatch>(prefetch);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        producing = Task.Factory.StartNew(() => Produce(assembler, batches, epoch, nice), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Batches in order as they become ready; throws if cancelled or if preparing failed.</summary>
    public IEnumerable<PreparedBatch> Consume(CancellationToken cancellationToken)
    {
        foreach (var batch in ready.GetConsumingEnumerable(cancellationToken)) yield return batch;
        producing.GetAwaiter().GetResult();
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
    private void Produce(BatchAssembler assembler, IReadOnlyList<ArraySegment<int>> batches, int epoch, int nice)
    {
        try
        {
            ThreadNice.Lower(nice);
            foreach (var indices in batches) Offer(assembler.Assemble(indices, epoch, stop.Token));
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
