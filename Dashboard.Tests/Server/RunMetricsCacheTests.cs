using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>The metrics cache (real SQLite store) folds in only new events, matches a full rebuild, and drops what a resume supersedes.</summary>
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
    public void A_resume_takes_its_superseded_events_out_of_the_metrics_and_counts_the_time_of_every_part()
    {
        var start = DateTimeOffset.UtcNow;
        Append(new EpochEnded(0, 0, 1.9, 1.8, 0.4, 1.0) { At = start }, new Saved("stage1", "/m/stage1.ckpt") { At = start.AddSeconds(1) });
        var kept = store.Events(runId)[^1].Sequence;
        Append(new BatchEnded(0, 1, 1, 0.01, 1.7) { At = start.AddSeconds(2) }, new EpochEnded(0, 1, 1.7, 1.6, 0.5, 1.0) { At = start.AddSeconds(3) },
            new Saved("stage2", "/m/stage2.ckpt") { At = start.AddSeconds(4) });
        Assert.Equal(2, cache.For(runId).Epochs.Count);

        Append(new RunResumed(1, kept) { At = start.AddSeconds(60) }, new BatchEnded(0, 1, 1, 0.01, 1.5) { At = start.AddSeconds(61) });

        var metrics = cache.For(runId);
        Assert.Equal([0], metrics.Epochs.Select(e => e.Epoch));
        Assert.Equal(1, metrics.Batches);
        Assert.Equal(["stage1"], metrics.Checkpoints);
        Assert.Equal(4 + 1, metrics.ActiveSeconds); // 0–4 s, then 60–61 s: the 56 s stopped between them not counted
        AssertSame(RunMetrics.From(store.Events(runId)), metrics);
        Assert.Equal(6, store.Events(runId).Count(e => e.Event is not RunResumed)); // nothing deleted
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
        Assert.Equal(expected.ActiveSeconds, actual.ActiveSeconds);
    }
}
