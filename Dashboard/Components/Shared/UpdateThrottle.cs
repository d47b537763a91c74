namespace Dashboard.Components.Shared;

/// <summary>
/// Coalesces update requests from any thread into at most one run per <c>interval</c>. The update runs through
/// the component's dispatcher (<c>InvokeAsync</c>); a request made while an update runs schedules one more,
/// so nothing queued is left unapplied. Time comes from <paramref name="time"/> (the system clock by default).
/// </summary>
public sealed class UpdateThrottle(TimeSpan interval, Func<Func<Task>, Task> dispatch, Func<Task> update, Action<Exception> onError,
    TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private int scheduled;
    private long lastRunTimestamp = long.MinValue;
    private volatile bool disposed;

    public void Request()
    {
        if (disposed || Interlocked.Exchange(ref scheduled, 1) == 1) return;
        long last = Interlocked.Read(ref lastRunTimestamp);
        var sinceLast = last == long.MinValue ? interval : clock.GetElapsedTime(last);
        var wait = sinceLast >= interval ? TimeSpan.Zero : interval - sinceLast;
        _ = RunAfterAsync(wait);
    }

    private async Task RunAfterAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock).ConfigureAwait(false); // continue on the timer: dispatch posts to the UI anyway
            Volatile.Write(ref scheduled, 0);
            Interlocked.Exchange(ref lastRunTimestamp, clock.GetTimestamp());
            if (!disposed) await dispatch(update);
        }
        catch (ObjectDisposedException) { }
        catch (Exception e) when (!disposed) { onError(e); }
        catch (Exception) { }
    }

    public void Dispose() => disposed = true;
}
