using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Server;

/// <summary>The one feed pages and the hub follow (real SQLite store): history, then live, in order, once each.</summary>
public sealed class RunFeedTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempFolder folder = new();
    private readonly RunStore store;
    private readonly RunNotifier notifier = new(NullLogger<RunNotifier>.Instance);
    private readonly RunLedger ledger;
    private readonly RunFeed feed;
    private readonly string runId;

    public RunFeedTests()
    {
        store = new RunStore(folder.File("runs.db"));
        ledger = new RunLedger(store, notifier);
        feed = new RunFeed(store, notifier);
        runId = store.Create("run", "{}").Id;
        ledger.SetStatus(runId, RunStatus.Running);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_follower_gets_the_history_after_its_number_then_live_events_with_a_missed_notification_filled_from_the_store()
    {
        ledger.Append(runId, Epoch(0));
        ledger.Append(runId, Epoch(1));
        using var cancel = new CancellationTokenSource(Patience);
        await using var events = feed.Follow(runId, afterSequence: 1, untilEnded: false, cancel.Token).GetAsyncEnumerator();
        Assert.Equal(2, await NextAsync(events));

        var moving = events.MoveNextAsync();
        var unannounced = store.Append(runId, Epoch(2)); // stored, its notification lost
        ledger.Append(runId, Epoch(3));
        Assert.True(await moving);
        Assert.Equal(unannounced.Sequence, events.Current.Sequence);
        Assert.Equal(4, await NextAsync(events));

        notifier.Publish(unannounced); // late: already given
        ledger.Append(runId, Epoch(4));
        Assert.Equal(5, await NextAsync(events));
    }

    [Fact]
    public async Task Following_until_the_end_stops_at_the_runs_end_and_a_page_follow_goes_on_through_a_resume()
    {
        using var cancel = new CancellationTokenSource(Patience);
        var script = feed.Follow(runId, 0, untilEnded: true, cancel.Token).Select(e => e.Sequence).ToListAsync(cancel.Token);
        await using var page = feed.Follow(runId, 0, untilEnded: false, cancel.Token).GetAsyncEnumerator();
        ledger.Append(runId, Epoch(0));
        Assert.Equal(1, await NextAsync(page));
        ledger.SetStatus(runId, RunStatus.Stopped);

        Assert.Equal([1], await script.AsTask().WaitAsync(Patience));
        ledger.SetStatus(runId, RunStatus.Running);
        ledger.Append(runId, Epoch(1));
        Assert.Equal(2, await NextAsync(page));
    }

    private static EpochEnded Epoch(int epoch) => new(0, epoch, 1.0, 0.9, 0.5, 1.0);

    private static async Task<long> NextAsync(IAsyncEnumerator<RunEvent> events)
    {
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Patience));
        return events.Current.Sequence;
    }
}
