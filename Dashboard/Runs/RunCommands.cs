namespace Dashboard.Runs;

/// <summary>What a user can ask of an existing run.</summary>
public sealed class RunCommands(RunStore store, RunNotifier notifier, RunCancellations cancellations, RunQueue queue)
{
    /// <summary>Stops a running run at its next batch, or cancels a queued one. False when the run is not active.</summary>
    public bool Stop(string runId)
    {
        var run = store.Find(runId);
        if (run is null || !RunStatus.IsActive(run.Status)) return false;
        if (cancellations.Cancel(runId)) return true;
        store.SetStatus(runId, RunStatus.Stopped, "stopped before it started");
        notifier.Publish(store.Find(runId)!);
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
        store.SetStatus(runId, RunStatus.Queued, "queued to resume");
        if (!queue.Requeue(runId))
        {
            store.SetStatus(runId, run.Status, run.Message);
            throw new QueueFullException(0);
        }
        notifier.Publish(store.Find(runId)!);
        return true;
    }
}
