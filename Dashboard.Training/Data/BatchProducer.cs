namespace Dashboard.Training.Data;

/// <summary>
/// Prepares one epoch's batches on <see cref="LoaderOptions.DecodeThreads"/> decode threads of its own, the batch the
/// consumer waits for and up to <see cref="LoaderOptions.Prefetch"/> after it. Decoding runs at the lowest priority the
/// system gives (<see cref="ThreadNice.ForDecoding"/>), so on a machine with no idle core the decode threads may hardly
/// run; the consumer therefore never depends on them (<see cref="LoaderOptions.ConsumerHelps"/>): when its batch is not
/// ready it prepares the batch's unclaimed items itself, at its own priority, and when only items claimed by a decode
/// thread are left and none has been published for <see cref="TakeOverAfter"/>, it prepares those again itself. A
/// preparing failure reaches the consumer. Disposing stops the decode threads after their current item; nothing waits for them.
/// </summary>
internal sealed class BatchProducer : IDisposable
{
    private static readonly TimeSpan HelpAgainAfter = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan HelperIdleWait = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long the consumer waits for decode threads that publish nothing before it prepares their items itself: about
    /// ten times what a 224 px item from a 500×375 JPEG costs, so a decode thread that is merely busy is rarely duplicated.
    /// </summary>
    public static readonly TimeSpan TakeOverAfter = TimeSpan.FromMilliseconds(30);

    private readonly BatchAssembler assembler;
    private readonly IReadOnlyList<ArraySegment<int>> batches;
    private readonly BatchWork?[] works;
    private readonly int epoch;
    private readonly LoaderOptions options;
    private readonly CancellationToken cancellation;
    private readonly object window = new();
    private int position;
    private volatile bool stopped;

    public BatchProducer(BatchAssembler assembler, IReadOnlyList<ArraySegment<int>> batches, int epoch, LoaderOptions options, CancellationToken cancellation)
    {
        (this.assembler, this.batches, this.epoch, this.options, this.cancellation) = (assembler, batches, epoch, options, cancellation);
        works = new BatchWork?[batches.Count];
        for (var i = 0; i < options.DecodeThreads; i++) new Thread(Decode) { IsBackground = true, Name = "decode" }.Start();
    }

    /// <summary>How many images the consumer prepared itself because its batch was not ready (0 while decoding keeps ahead).</summary>
    public int ImagesPreparedByConsumer { get; private set; }

    /// <summary>Batches in order as they become ready; throws if cancelled or if preparing failed.</summary>
    public IEnumerable<PreparedBatch> Consume()
    {
        for (var index = 0; index < batches.Count; index++)
        {
            var work = WorkAt(index)!;
            WaitUntilFinished(work);
            var prepared = assembler.Finish(work);
            MoveWindowTo(index + 1);
            if (prepared.Items.Count == 0) prepared.Release();
            else yield return prepared;
        }
    }

    public void Dispose()
    {
        stopped = true;
        lock (window) Monitor.PulseAll(window);
    }

    private void WaitUntilFinished(BatchWork work)
    {
        var waited = TimeSpan.Zero;
        while (!work.IsFinished)
        {
            cancellation.ThrowIfCancellationRequested();
            var seen = work.Published;
            if (options.ConsumerHelps && work.TryPrepareUnclaimed()) ImagesPreparedByConsumer++;
            else if (work.WaitForProgress(seen, HelpAgainAfter)) waited = TimeSpan.Zero;
            else if ((waited += HelpAgainAfter) >= TakeOverAfter && options.ConsumerHelps && work.TryTakeOverStalled())
                ImagesPreparedByConsumer++; // the next stalled item, if any, is taken over without another wait
        }
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>The work of batch <paramref name="index"/>, started on first use; null once the consumer has passed it.</summary>
    private BatchWork? WorkAt(int index)
    {
        lock (works)
        {
            if (index < position) return null;
            return works[index] ??= assembler.Start(batches[index], epoch);
        }
    }

    private void MoveWindowTo(int index)
    {
        lock (works)
        {
            works[index - 1] = null;
            lock (window)
            {
                position = index;
                Monitor.PulseAll(window);
            }
        }
    }

    /// <summary>A decode thread: prepares unclaimed items of the batches in the window, earliest first, until none is left in the epoch.</summary>
    private void Decode()
    {
        ThreadNice.ForDecoding(options);
        while (!stopped && !cancellation.IsCancellationRequested)
        {
            var (work, first, last) = NextWithUnclaimed();
            if (work is not null)
            {
                try { work.TryPrepareUnclaimed(); }
                catch (Exception) { } // recorded in the work: BatchAssembler.Finish rethrows it on the consumer's thread
            }
            else if (last == batches.Count - 1) return;
            else
            {
                lock (window)
                {
                    if (Volatile.Read(ref position) == first) Monitor.Wait(window, HelperIdleWait);
                }
            }
        }
    }

    private (BatchWork? Work, int First, int Last) NextWithUnclaimed()
    {
        var first = Volatile.Read(ref position);
        var last = Math.Min(first + options.Prefetch, batches.Count - 1);
        for (var index = first; index <= last; index++)
        {
            if (WorkAt(index) is { HasUnclaimed: true } work) return (work, first, last);
        }
        return (null, first, last);
    }
}
