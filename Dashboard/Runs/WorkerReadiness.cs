namespace Dashboard.Runs;

/// <summary>
/// Whether the run worker has finished its start-up recovery (runs left running marked interrupted, queued ones queued
/// again). Kestrel may already listen before that; <c>/health</c> answers 503 until it is done.
/// </summary>
public sealed class WorkerReadiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
