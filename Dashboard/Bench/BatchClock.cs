using System.Diagnostics;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Bench;

/// <summary>
/// A learner event sink that notes when each training batch ends (and the managed bytes allocated so far), and
/// cancels the fit once <paramref name="batches"/> have ended, so no validation pass runs inside the timing.
/// </summary>
internal sealed class BatchClock(int batches, CancellationTokenSource stop) : ITrainingEventSink
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(double Seconds, long Allocated)> ends = [];

    public IReadOnlyList<(double Seconds, long Allocated)> Ends => ends;

    public void Emit(TrainingEvent trainingEvent)
    {
        if (trainingEvent is not BatchEnded) return;
        ends.Add((clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes()));
        if (ends.Count >= batches) stop.Cancel();
    }

    /// <summary>Seconds and bytes from the end of batch <paramref name="from"/> − 1 to the end of batch <paramref name="to"/> − 1.</summary>
    public (double Seconds, long Allocated) Between(int from, int to) =>
        (ends[to - 1].Seconds - ends[from - 1].Seconds, ends[to - 1].Allocated - ends[from - 1].Allocated);
}
