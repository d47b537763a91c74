namespace Dashboard.Bench.Efficiency;

/// <summary>
/// Lets two fits, each on its own thread, train one batch at a time in the schedule's order. Each fit asks for its turn
/// before it takes a batch; the call also says its previous batch is done. Nothing starts until both fits have asked
/// (their set-up runs outside the timing), and after the schedule's last batch both are stopped through
/// <paramref name="stop"/>, as a user's stop ends a fit. <paramref name="batchDone"/> hears each finished batch's place in
/// the schedule, on the thread that trained it.
/// </summary>
internal sealed class TurnBaton(IReadOnlyList<ScheduledBatch> schedule, CancellationTokenSource stop, Action<int>? batchDone = null) : IDisposable
{
    private const int Sides = 2;
    private readonly SemaphoreSlim[] turns = [new(0), new(0)];
    private readonly bool[] holding = new bool[Sides];
    private int arrived;
    private int position;

    /// <summary>
    /// Blocks until <paramref name="side"/> may take its next batch: true when that batch opens a turn (the side waited for
    /// it), false when the side goes on. Throws <see cref="OperationCanceledException"/> once the schedule is done or stopped.
    /// </summary>
    public bool TakeTurn(FitSide side)
    {
        var index = (int)side;
        if (!holding[index])
        {
            if (Interlocked.Increment(ref arrived) == Sides) turns[(int)schedule[0].Side].Release();
            return Wait(index);
        }
        batchDone?.Invoke(position);
        if (++position == schedule.Count) stop.Cancel();
        stop.Token.ThrowIfCancellationRequested();
        if (schedule[position].Side == side) return false;
        holding[index] = false;
        turns[(int)schedule[position].Side].Release();
        return Wait(index);
    }

    public void Dispose()
    {
        foreach (var turn in turns) turn.Dispose();
    }

    private bool Wait(int index)
    {
        turns[index].Wait(stop.Token);
        return holding[index] = true;
    }
}
