using System.Collections.Concurrent;

namespace Dashboard.Runs;

/// <summary>Stop buttons: one cancellation source per running run.</summary>
public sealed class RunCancellations
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> running = new();

    public CancellationTokenSource Register(string runId, CancellationToken hostStopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        running[runId] = source;
        return source;
    }

    public void Unregister(string runId)
    {
        if (running.TryRemove(runId, out var source)) source.Dispose();
    }

    /// <summary>Asks a running run to stop at its next batch; false when it is not running here.</summary>
    public bool Cancel(string runId)
    {
        if (!running.TryGetValue(runId, out var source)) return false;
        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // the run ended and unregistered between the lookup and the cancel: nothing is running to stop
        }
    }
}
