using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Monitoring;
using Dashboard.Runs;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Hubs;

/// <summary>
/// Streams run events to clients outside Blazor (scripts, the CLI watcher): first the stored history after a sequence
/// number, then live events as they are stored, in order, without gaps or duplicates. The history is append-only, so a
/// follower that resumes after the last number it saw misses nothing; a <c>runResumed</c> event tells a client that
/// rebuilds a view which earlier events it supersedes (see <see cref="RunHistory"/>).
/// </summary>
public sealed class TrainingHub(RunStore store, RunNotifier notifier, DashboardMetrics metrics) : Hub
{
    public const string Path = "/hubs/training";

    public override Task OnConnectedAsync()
    {
        metrics.HubConnected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.HubDisconnected();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Ends with a <see cref="HubException"/> when the run does not exist.</summary>
    public async IAsyncEnumerable<RunEvent> Follow(string runId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellation)
    {
        if (store.Find(runId) is null) throw new HubException($"There is no run '{runId}'.");
        var live = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = notifier.SubscribeEvents(runId, e => live.Writer.TryWrite(e));
        using var statusSubscription = notifier.SubscribeRuns(run =>
        {
            if (run.Id == runId && !RunStatus.IsActive(run.Status)) live.Writer.TryComplete();
        });
        long last = afterSequence;
        foreach (var stored in store.Events(runId, afterSequence))
        {
            last = stored.Sequence;
            yield return stored;
        }
        if (store.Find(runId) is not { } run || !RunStatus.IsActive(run.Status)) yield break;
        await foreach (var next in live.Reader.ReadAllAsync(cancellation))
        {
            if (next.Sequence <= last) continue;
            last = next.Sequence;
            yield return next;
        }
        foreach (var late in store.Events(runId, last)) yield return late;
    }

    /// <summary>The current list of runs, newest first.</summary>
    public IReadOnlyList<RunSummary> Runs(int skip, int take) => store.List(Math.Max(0, skip), Math.Clamp(take, 1, 500));
}
