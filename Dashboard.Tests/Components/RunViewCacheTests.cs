using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Components;

public sealed class RunViewCacheTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly RunStore store;
    private readonly RunViewCache cache;

    public RunViewCacheTests()
    {
        store = new RunStore(Path.Combine(folder.Path, "runs.db"));
        cache = new RunViewCache(store);
    }

    [Fact]
    public void An_ended_runs_view_is_built_once_and_shared_until_it_gets_new_events()
    {
        var run = Ended(new BatchEnded(0, 0, 0, 0.01, 2), new BatchEnded(0, 1, 0, 0.01, 1.8));

        var first = cache.Open(run, out bool shared);
        Assert.True(shared);
        Assert.Same(first, cache.Open(run, out _));
        Assert.Equal(2, first.TrainLoss.Count);

        store.Append(run.Id, new BatchEnded(0, 2, 0, 0.01, 1.7));
        var rebuilt = cache.Open(run, out _);
        Assert.NotSame(first, rebuilt);
        Assert.Equal(3, rebuilt.TrainLoss.Count);
        Assert.Equal(2, first.TrainLoss.Count); // a page holding the old view never sees it change
    }

    [Fact]
    public void An_active_run_gets_a_view_of_its_own_and_a_resume_rebuilds_the_cached_one_without_what_it_superseded()
    {
        var active = store.Create("active", Dashboard.Tests.Server.TinyRecipes.Quick);
        store.SetStatus(active.Id, RunStatus.Running);
        Assert.NotSame(cache.Open(store.Find(active.Id)!, out bool shared), cache.Open(store.Find(active.Id)!, out _));
        Assert.False(shared);

        var run = Ended(new BatchEnded(0, 0, 0, 0.01, 2), new BatchEnded(0, 1, 0, 0.01, 1.8));
        var before = cache.Open(run, out _);
        store.Append(run.Id, new RunResumed(0, 1)); // the second batch is superseded
        store.Append(run.Id, new BatchEnded(0, 1, 0, 0.01, 1.5));

        var after = cache.Open(run, out _);
        Assert.NotSame(before, after);
        Assert.Equal([2, 1.5], after.TrainLoss.Y);
    }

    private RunSummary Ended(params TrainingEvent[] events)
    {
        var run = store.Create("ended", Dashboard.Tests.Server.TinyRecipes.Quick);
        foreach (var e in events) store.Append(run.Id, e);
        store.SetStatus(run.Id, RunStatus.Stopped);
        return store.Find(run.Id)!;
    }

    public void Dispose() => folder.Dispose();
}
