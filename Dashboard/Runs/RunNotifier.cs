using System.Collections.Concurrent;

namespace Dashboard.Runs;

/// <summary>
/// Tells subscribers (pages, hub streams) about stored events and status changes, in the order they were stored.
/// A subscriber that throws is logged and kept; dispose the returned handle to unsubscribe.
/// </summary>
public sealed class RunNotifier(ILogger<RunNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, (string? RunId, Action<RunEvent> Handler)> eventSubscribers = new();
    private readonly ConcurrentDictionary<Guid, Action<RunSummary>> runSubscribers = new();

    /// <summary>Events of one run, or of every run when <paramref name="runId"/> is null.</summary>
    public IDisposable SubscribeEvents(string? runId, Action<RunEvent> handler)
    {
        var key = Guid.NewGuid();
        eventSubscribers[key] = (runId, handler);
        return new Subscription(() => eventSubscribers.TryRemove(key, out _));
    }

    /// <summary>Status changes of every run.</summary>
    public IDisposable SubscribeRuns(Action<RunSummary> handler)
    {
        var key = Guid.NewGuid();
        runSubscribers[key] = handler;
        return new Subscription(() => runSubscribers.TryRemove(key, out _));
    }

    public void Publish(RunEvent runEvent)
    {
        foreach (var (runId, handler) in eventSubscribers.Values)
            if (runId is null || runId == runEvent.RunId) Invoke(() => handler(runEvent));
    }

    public void Publish(RunSummary run)
    {
        foreach (var handler in runSubscribers.Values) Invoke(() => handler(run));
    }

    private void Invoke(Action action)
    {
        try { action(); }
        catch (Exception e) { logger.LogWarning(e, "A run subscriber failed"); }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) unsubscribe();
        }
    }
}
