using Dashboard.Runs.Workers;
using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>Stores a run's events and then tells subscribers (through <see cref="RunLedger"/>), for every executor.</summary>
public sealed class RunEventRecorder(RunLedger ledger, ILogger<RunEventRecorder> logger)
{
    /// <summary>Appends an event after the run's last one; a failure is logged, never thrown into the trainer.</summary>
    public void Record(string runId, TrainingEvent trainingEvent)
    {
        try { ledger.Append(runId, trainingEvent); }
        catch (Exception e) { logger.LogError(e, "Could not store an event of run {RunId}", runId); }
    }

    /// <summary>Stores numbered events once each, in order (see <see cref="RunStore.AppendNumbered"/>); returns the last stored number.</summary>
    public long RecordNumbered(string runId, IEnumerable<NumberedEvent> events) => ledger.AppendNumbered(runId, events);
}
