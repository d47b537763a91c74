using System.Runtime.ExceptionServices;

namespace Dashboard.Training.Data;

/// <summary>
/// One batch being prepared. Its items are claimed one at a time by whoever works on it (the loader's decode threads,
/// and the training thread when it would otherwise wait for this batch), each into its own slot of <see cref="Buffer"/>,
/// so the result does not depend on who prepared what. An unexpected exception in any item fails the batch.
/// </summary>
internal sealed class BatchWork(ArraySegment<int> indices, float[] buffer, Func<int, int, string?> prepare) : IDisposable
{
    private readonly string?[] problems = new string?[indices.Count];
    private readonly ManualResetEventSlim finished = new(indices.Count == 0);
    private int lastClaimed = -1;
    private int unfinished = indices.Count;
    private ExceptionDispatchInfo? failure;

    public ArraySegment<int> Indices => indices;

    public float[] Buffer => buffer;

    /// <summary>
    /// Prepares unclaimed items until none are left, or until <paramref name="stopWhen"/> says so before the next one;
    /// returns how many this call prepared. Other threads may still be preparing items they claimed.
    /// </summary>
    public int Help(CancellationToken cancellation, Func<bool>? stopWhen = null)
    {
        var prepared = 0;
        while (stopWhen?.Invoke() != true)
        {
            cancellation.ThrowIfCancellationRequested();
            var slot = Interlocked.Increment(ref lastClaimed);
            if (slot >= indices.Count) break;
            try
            {
                problems[slot] = prepare(indices[slot], slot);
                prepared++;
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                finished.Set();
                throw;
            }
            finally
            {
                if (Interlocked.Decrement(ref unfinished) == 0) finished.Set();
            }
        }
        return prepared;
    }

    /// <summary>Waits until every item is prepared; each slot's problem (null: prepared), or the first unexpected exception.</summary>
    public IReadOnlyList<string?> WaitForAll(CancellationToken cancellation)
    {
        finished.Wait(cancellation);
        failure?.Throw();
        return problems;
    }

    public void Dispose() => finished.Dispose();
}
