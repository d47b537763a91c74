using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>The metrics cache (real SQLite store) folds in only new events, matches a full rebuild, and forgets deleted ones.</summary>
public sealed class RunMetricsCacheTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly RunStore store;
    private readonly RunMetricsCache cache;
    private readonly string runId;

    public RunMetricsCacheTests()
    {
        store = new RunStore(folder.File("runs.db"));
        cache = new RunMetricsCache(store);
        runId = store.Create("run", "{}").Id;
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Metrics_follow_new_events_and_equal_a_full_rebuild()
    {
        Append(new BatchEnded(0, 0, 0, 0.01, 2.0), new BatchEnded(0, 1, 0, 0.01, 1.9), new EpochEnded(0, 0, 1.9, 1.8, 0.4, 1.0));
        var first = cache.For(runId);
        Append(new BatchEnded(0, 2, 1, 0.01, 1.7), new EpochEnded(0, 1, 1.7, 1.6, 0.5, 1.0), new Saved("stage1", "/m/stage1.ckpt"), new Saved("stage1", "/m/stage1.ckpt"));

        var second = cache.For(runId);

        Assert.Equal(2, first.Batches);
        Assert.Single(first.Epochs);
        Assert.Equal(3, second.Batches);
        Assert.Equal([0, 1], second.Epochs.Select(e => e.Epoch));
        Assert.Equal(["stage1"], second.Checkpoints);
        AssertSame(RunMetrics.From(store.Events(runId)), second);
    }

    [Fact]
    public void Deleted_events_leave_the_metrics()
    {
        Append(new EpochEnded(0, 0, 1.9, 1.8, 0.4, 1.0));
        var kept = store.Events(runId)[^1].Sequence;
        Append(new BatchEnded(0, 1, 1, 0.01, 1.7), new EpochEnded(0, 1, 1.7, 1.6, 0.5, 1.0));
        Assert.Equal(2, cache.For(runId).Epochs.Count);

        store.DeleteEventsAfter(runId, kept);
        Append(new BatchEnded(0, 1, 1, 0.01, 1.5));

        var metrics = cache.For(runId);
        Assert.Single(metrics.Epochs);
        Assert.Equal(1, metrics.Batches);
    }

    private void Append(params TrainingEvent[] events)
    {
        foreach (var e in events) store.Append(runId, e);
    }

    private static void AssertSame(RunMetrics expected, RunMetrics actual)
    {
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.Batches, actual.Batches);
        Assert.Equal(expected.Checkpoints, actual.Checkpoints);
        Assert.Equal(expected.LrFind, actual.LrFind);
        Assert.Equal(expected.Tta, actual.Tta);
    }
}
