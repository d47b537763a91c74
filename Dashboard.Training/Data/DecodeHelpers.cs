using System.Collections.Concurrent;

namespace Dashboard.Training.Data;

/// <summary>
/// The loader's decode threads beyond its own, for one epoch: each gets every batch's work as it starts and helps until
/// no item is left to claim. They are dedicated threads, not the shared pool's, because each lowers its own priority
/// for good (a thread under SCHED_IDLE cannot come back without privileges). A helper's unexpected exception is recorded
/// in the work, whose owner rethrows it.
/// </summary>
internal sealed class DecodeHelpers : IDisposable
{
    private readonly BlockingCollection<BatchWork>[] inboxes;
    private readonly Thread[] threads;

    public DecodeHelpers(int count, LoaderOptions options, CancellationToken cancellation)
    {
        inboxes = Enumerable.Range(0, count).Select(_ => new BlockingCollection<BatchWork>()).ToArray();
        threads = inboxes.Select(inbox => new Thread(() => Run(inbox, options, cancellation)) { IsBackground = true, Name = "decode helper" }).ToArray();
        foreach (var thread in threads) thread.Start();
    }

    public void Offer(BatchWork work)
    {
        foreach (var inbox in inboxes) inbox.Add(work);
    }

    public void Dispose()
    {
        foreach (var inbox in inboxes) inbox.CompleteAdding();
        foreach (var thread in threads) thread.Join();
        foreach (var inbox in inboxes) inbox.Dispose();
    }

    private static void Run(BlockingCollection<BatchWork> inbox, LoaderOptions options, CancellationToken cancellation)
    {
        ThreadNice.ForDecoding(options);
        foreach (var work in inbox.GetConsumingEnumerable())
        {
            try { work.Help(cancellation); }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { return; }
            catch (Exception) { } // recorded in the work: BatchWork.WaitForAll rethrows it on the producer's thread
        }
    }
}
