using System.Diagnostics;
using Dashboard.Training.Events;

namespace Dashboard.Training.Learning;

/// <summary>
/// Counts the batches of a phase outside fits (precompute, TTA, interpretation) and reports them as
/// <see cref="PhaseProgressed"/>: the start, then at most every <see cref="Interval"/>, and the last batch.
/// </summary>
public sealed class PhaseReporter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly ITrainingEventSink events;
    private readonly Stopwatch sinceReport = Stopwatch.StartNew();

    public PhaseReporter(ITrainingEventSink events, string phase, int total)
    {
        (this.events, Phase, Total) = (events, phase, total);
        events.Emit(new PhaseProgressed(phase, 0, total));
    }

    public string Phase { get; }
    public int Total { get; }
    public int Done { get; private set; }

    /// <summary>One more batch done.</summary>
    public void Step()
    {
        Done++;
        if (Done < Total && sinceReport.Elapsed < Interval) return;
        events.Emit(new PhaseProgressed(Phase, Done, Total));
        sinceReport.Restart();
    }
}
