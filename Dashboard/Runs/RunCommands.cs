namespace Dashboard.Runs;

/// <summary>What a user can ask of an existing run.</summary>
public sealed class RunCommands(RunStore store, RunNotifier notifier, RunCancellations cancellations)
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
}
