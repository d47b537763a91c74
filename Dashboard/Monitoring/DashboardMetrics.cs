using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Prometheus;

namespace Dashboard.Monitoring;

/// <summary>
/// The dashboard's Prometheus metrics, in a registry of its own (one per app, so test hosts in one process do not
/// share counts): runs by status and queue length read at scrape time, training batches, images and the seconds
/// between batches as the server stores them, hub connections; HTTP request durations and the .NET process figures
/// (CPU seconds, working set = resident memory on Linux) come from prometheus-net.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    private static readonly double[] BatchSecondBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];
    private static readonly string[] Statuses =
        [RunStatus.Queued, RunStatus.Running, RunStatus.Stopping, RunStatus.Finished, RunStatus.Failed, RunStatus.Stopped, RunStatus.Interrupted];

    private readonly RunStore store;
    private readonly Gauge runs;
    private readonly Counter batches;
    private readonly Counter images;
    private readonly Histogram batchSeconds;
    private readonly Gauge hubConnections;
    private readonly IDisposable subscription;
    /// <summary>Per active run: when its last batch was stored (null after an epoch's validation or a new fit) and its batch size.</summary>
    private readonly Dictionary<string, (DateTimeOffset? At, int BatchSize)> lastBatch = [];
    private readonly Lock gate = new();
    private readonly TimeProvider clock;

    public DashboardMetrics(RunStore store, RunQueue queue, RunNotifier notifier, TimeProvider clock)
    {
        (this.store, this.clock) = (store, clock);
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        runs = factory.CreateGauge("dashboard_runs", "Runs in the store, by status.", "status");
        var queued = factory.CreateGauge("dashboard_queue_length", "Runs waiting in the queue.");
        factory.CreateGauge("dashboard_queue_capacity", "Runs the queue accepts.").Set(queue.Capacity);
        batches = factory.CreateCounter("dashboard_training_batches_total", "Training batches stored, all runs.");
        images = factory.CreateCounter("dashboard_training_images_total", "Training images in those batches (rate() is images per second).");
        batchSeconds = factory.CreateHistogram("dashboard_batch_seconds", "Seconds between a run's consecutive stored batches (compute and data wait).",
            new HistogramConfiguration { Buckets = BatchSecondBuckets });
        hubConnections = factory.CreateGauge("dashboard_hub_connections", "SignalR connections to the training hub.");
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var status in Statuses) runs.WithLabels(status).Set(store.CountWithStatus(status));
            queued.Set(store.CountWithStatus(RunStatus.Queued));
        });
        subscription = notifier.SubscribeEvents(null, Observe);
    }

    public CollectorRegistry Registry { get; }

    public void HubConnected() => hubConnections.Inc();

    public void HubDisconnected() => hubConnections.Dec();

    private void Observe(RunEvent stored)
    {
        switch (stored.Event)
        {
            case BatchEnded: ObserveBatch(stored.RunId); break;
            case EpochEnded or FitStarted: PauseTiming(stored.RunId); break;
            case RunEnded or RunCompleted: lock (gate) lastBatch.Remove(stored.RunId); break;
        }
    }

    private void ObserveBatch(string runId)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? previous;
        int batchSize;
        lock (gate)
        {
            (previous, batchSize) = lastBatch.TryGetValue(runId, out var last) ? last : (null, BatchSizeOf(runId));
            lastBatch[runId] = (now, batchSize);
        }
        batches.Inc();
        images.Inc(batchSize);
        if (previous is { } at) batchSeconds.Observe((now - at).TotalSeconds);
    }

    /// <summary>Validation and a new fit's set-up are not batch time: the next interval starts at the next batch.</summary>
    private void PauseTiming(string runId)
    {
        lock (gate)
            if (lastBatch.TryGetValue(runId, out var last)) lastBatch[runId] = (null, last.BatchSize);
    }

    private int BatchSizeOf(string runId) => store.Find(runId) is { } run && RecipeDigest.From(run.RecipeJson) is { } digest ? digest.BatchSize : 0;

    public void Dispose() => subscription.Dispose();
}
