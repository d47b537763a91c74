using System.Diagnostics;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Bench;

/// <summary>
/// A learner event sink that notes when each training batch ends, with the process's CPU time (all threads) and the
/// managed bytes allocated so far, and cancels the fit once <paramref name="batches"/> have ended, so no validation
/// pass runs inside the timing.
/// </summary>
internal sealed class BatchClock(int batches, CancellationTokenSource stop) : ITrainingEventSink
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Mark> ends = [];
    private readonly Dictionary<int, Mark> turnStarts = [];

    public IReadOnlyList<Mark> Ends => ends;

    /// <summary>When the batch with this index got its turn, for batches that opened a turn of the efficiency measurement.</summary>
    public IReadOnlyDictionary<int, Mark> TurnStarts => turnStarts;

    /// <summary>The batch about to run opens a turn: its time starts now, not at the previous batch's end.</summary>
    public void MarkTurnStart() => turnStarts[ends.Count] = Now();

    public void Emit(TrainingEvent trainingEvent)
    {
        if (trainingEvent is not BatchEnded) return;
        ends.Add(Now());
        if (ends.Count >= batches) stop.Cancel();
    }

    private Mark Now() => new(clock.Elapsed.TotalSeconds, Environment.CpuUsage.TotalTime.TotalSeconds, GC.GetTotalAllocatedBytes());

    /// <summary>What passed from the end of batch <paramref name="from"/> − 1 to the end of batch <paramref name="to"/> − 1.</summary>
    public Mark Between(int from, int to) => ends[to - 1] - ends[from - 1];

    public readonly record struct Mark(double Seconds, double CpuSeconds, long Allocated)
    {
        public static Mark operator +(Mark first, Mark second) =>
            new(first.Seconds + second.Seconds, first.CpuSeconds + second.CpuSeconds, first.Allocated + second.Allocated);

        public static Mark operator -(Mark later, Mark earlier) =>
            new(later.Seconds - earlier.Seconds, later.CpuSeconds - earlier.CpuSeconds, later.Allocated - earlier.Allocated);
    }
}
