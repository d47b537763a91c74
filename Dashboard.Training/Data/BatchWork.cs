using System.Runtime.ExceptionServices;

namespace Dashboard.Training.Data;

/// <summary>
/// One batch being prepared. Its items are claimed one at a time by whoever works on it (the loader's decode threads,
/// and the consuming thread when the batch it wants is not ready), each prepared into a pixel buffer of its own and
/// published by reference; the first to publish an item wins, so the result does not depend on who prepared what. A
/// decode thread that claimed an item and then got no core (decode threads run in idle time) holds nobody up: the
/// consumer prepares that item again itself (<see cref="TryTakeOverStalled"/>) and a late result is dropped. An
/// unexpected exception in any item fails the batch.
/// </summary>
internal sealed class BatchWork(ArraySegment<int> indices, BatchBuffers buffers, Func<int, float[], string?> prepare)
{
    private readonly float[]?[] pixels = new float[]?[indices.Count];
    private readonly string?[] problems = new string?[indices.Count];
    private readonly int[] taken = new int[indices.Count];
    private readonly object progress = new();
    private int lastClaimed = -1;
    private int published;
    private ExceptionDispatchInfo? failure;

    public ArraySegment<int> Indices => indices;

    /// <summary>Items published so far (each once).</summary>
    public int Published => Volatile.Read(ref published);

    public bool HasUnclaimed => Volatile.Read(ref lastClaimed) < indices.Count - 1;

    /// <summary>Every item is published, or one failed.</summary>
    public bool IsFinished => Published == indices.Count || Volatile.Read(ref failure) is not null;

    /// <summary>Prepares the next unclaimed item; false when every item is claimed.</summary>
    public bool TryPrepareUnclaimed()
    {
        var slot = Interlocked.Increment(ref lastClaimed);
        if (slot >= indices.Count) return false;
        PrepareAndPublish(slot);
        return true;
    }

    /// <summary>
    /// Prepares again the first item another thread claimed but has not published (it may be waiting for a core that
    /// never comes free); false when there is none.
    /// </summary>
    public bool TryTakeOverStalled()
    {
        var claimed = Math.Min(Volatile.Read(ref lastClaimed), indices.Count - 1);
        for (var slot = 0; slot <= claimed; slot++)
        {
            if (Volatile.Read(ref taken[slot]) != 0) continue;
            PrepareAndPublish(slot);
            return true;
        }
        return false;
    }

    /// <summary>Waits at most <paramref name="timeout"/> for more than <paramref name="seen"/> items to be published (or a failure); true if they were.</summary>
    public bool WaitForProgress(int seen, TimeSpan timeout)
    {
        lock (progress)
        {
            if (Published == seen && !IsFinished) Monitor.Wait(progress, timeout);
        }
        return Published != seen || IsFinished;
    }

    /// <summary>Once finished: each item's pixels (null where it could not be decoded) and problem, or the first unexpected exception.</summary>
    public (IReadOnlyList<float[]?> Pixels, IReadOnlyList<string?> Problems) Results()
    {
        Volatile.Read(ref failure)?.Throw();
        if (!IsFinished) throw new InvalidOperationException("The batch is still being prepared.");
        return (pixels, problems);
    }

    private void PrepareAndPublish(int slot)
    {
        var buffer = buffers.Rent();
        string? problem;
        try
        {
            problem = prepare(indices[slot], buffer);
        }
        catch (Exception e)
        {
            buffers.Return(buffer);
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            Signal();
            throw;
        }
        if (Interlocked.CompareExchange(ref taken[slot], 1, 0) != 0)
        {
            buffers.Return(buffer); // another thread published this item first
            return;
        }
        if (problem is null) pixels[slot] = buffer;
        else
        {
            buffers.Return(buffer);
            problems[slot] = problem;
        }
        Interlocked.Increment(ref published);
        Signal();
    }

    private void Signal()
    {
        lock (progress) Monitor.PulseAll(progress);
    }
}
