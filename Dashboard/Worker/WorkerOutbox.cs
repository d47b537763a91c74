using Dashboard.Runs.Workers;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Worker;

/// <summary>
/// The worker's events, numbered after the server's last one, kept until the server acknowledges them. Emit only takes
/// a lock and appends: the fit loop never waits for the network, except in <see cref="WaitUntilDelivered"/> at an epoch
/// end, before its resume point is written.
/// </summary>
public sealed class WorkerOutbox(long lastSequence) : ITrainingEventSink
{
    private readonly object gate = new();
    private readonly List<NumberedEvent> pending = [];
    private readonly SemaphoreSlim flushRequested = new(0);
    private long last = lastSequence;
    private bool abandoned;

    public void Emit(TrainingEvent trainingEvent)
    {
        lock (gate) pending.Add(new NumberedEvent(++last, trainingEvent));
    }

    /// <summary>The number of the newest event.</summary>
    public long LastSequence { get { lock (gate) return last; } }

    public int Count { get { lock (gate) return pending.Count; } }

    /// <summary>The oldest unacknowledged events, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<NumberedEvent> Oldest(int max)
    {
        lock (gate) return pending.Take(max).ToArray();
    }

    /// <summary>Drops every event up to <paramref name="through"/>, which the server has stored.</summary>
    public void Acknowledge(long through)
    {
        lock (gate)
        {
            int stored = pending.FindIndex(e => e.Sequence > through);
            pending.RemoveRange(0, stored < 0 ? pending.Count : stored);
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>
    /// Blocks the caller (the training thread, before a resume point is written) until the server has every event so far;
    /// false when the worker gave up on the server (<see cref="Abandon"/>). Tells the sender to send now.
    /// </summary>
    public bool WaitUntilDelivered()
    {
        lock (gate)
        {
            if (pending.Count > 0 && !abandoned) flushRequested.Release();
            while (pending.Count > 0 && !abandoned) Monitor.Wait(gate);
            return pending.Count == 0;
        }
    }

    /// <summary>Waits until <see cref="WaitUntilDelivered"/> asks for a send, or the timeout.</summary>
    public Task WaitForFlushRequestAsync(TimeSpan timeout) => flushRequested.WaitAsync(timeout);

    /// <summary>The server is lost or refused the worker: nothing more will be acknowledged; waiters are released.</summary>
    public void Abandon()
    {
        lock (gate)
        {
            abandoned = true;
            Monitor.PulseAll(gate);
        }
    }
}
