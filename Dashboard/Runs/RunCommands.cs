namespace Dashboard.Runs;

/// <summary>What a user can ask of an existing run.</summary>
public sealed class RunCommands(RunStore store, RunLedger ledger, RunCancellations cancellations, RunQueue queue)
{
    public const string StoppedWhileQueued = "stopped before it started";
    public const string StoppingMessage = "stopping at the next batch";

    /// <summary>
    /// Cancels a queued run, or stops a running one at its next batch (it shows as stopping until then). False when the run is not active. A stop that
    /// meets the worker starting the run still wins: the worker registers the run's cancellation before it moves the
    /// run from queued to running, and both moves are conditional on the status they expect.
    /// </summary>
    public bool Stop(string runId)
    {
        var run = store.Find(runId);
        if (run is null || !RunStatus.IsActive(run.Status)) return false;
        if (ledger.EndFrom(runId, RunStatus.Queued, RunStatus.Stopped, StoppedWhileQueued)) return true;
        if (!cancellations.Cancel(runId)) return false;
        ledger.SetStatus(runId, RunStatus.Stopping, StoppingMessage, onlyFrom: RunStatus.Running);
        return true;
    }

    /// <summary>
    /// Queues an interrupted, stopped or failed run again; it continues from its last epoch resume point (or from the
    /// start when it never finished an epoch). False when the run is missing or still active.
    /// </summary>
    public bool Resume(string runId)
    {
        var run = store.Find(runId);
        if (run is null || !RunStatus.IsResumable(run.Status)) return false;
        return queue.Resume(runId, run.Status);
    }
}
