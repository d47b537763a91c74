using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>
/// A run's history is append-only: numbers are never reused, and a resume stores a <see cref="RunResumed"/> instead of
/// deleting what came after its resume point. This is the history as it counts, for anything rebuilt from it.
/// </summary>
public static class RunHistory
{
    /// <summary>The events that count, in order: each <see cref="RunResumed"/> drops those between its last kept number and itself.</summary>
    public static IReadOnlyList<RunEvent> Effective(IEnumerable<RunEvent> stored)
    {
        var kept = new SequencedList<RunEvent>();
        foreach (var runEvent in stored)
        {
            if (runEvent.Event is RunResumed resumed) kept.DropAfter(resumed.LastKeptSequence);
            kept.Add(runEvent.Sequence, runEvent);
        }
        return kept.Items.ToArray();
    }
}
