namespace Dashboard.Components.Shared;

/// <summary>
/// Coalesces update requests from any thread into at most one run per <c>interval</c>. The update runs through
/// the component's dispatcher (<c>InvokeAsync</c>); a request made while an update runs schedules one more,
/// so nothing queued is left unapplied.
/// </summary>
public sealed class UpdateThrottle(TimeSpan interval, Func<Func<Task>, Task> dispatch, Func<Task> update, Action<Exception> onError) : IDisposable
{
    private int scheduled;
    private long lastRunMilliseconds;
    private volatile bool disposed;

    public void Request()
    {
        if (disposed || Interlocked.Exchange(ref scheduled, 1) == 1) return;
        var sinceLast = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastRunMilliseconds));
        var wait = sinceLast >= interval ? TimeSpan.Zero : interval - sinceLast;
        _ = RunAfterAsync(wait);
    }

    private async Task RunAfterAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            Volatile.Write(ref scheduled, 0);
            Interlocked.Exchange(ref lastRunMilliseconds, Environment.TickCount64);
            if (!disposed) await dispatch(update);
        }
        catch (ObjectDisposedException) { }
        catch (Exception e) when (!disposed) { onError(e); }
        catch (Exception) { }
    }

    public void Dispose() => disposed = true;
}
