using System.Runtime.CompilerServices;
using Dashboard.Monitoring;
using Dashboard.Runs;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Hubs;

/// <summary>
/// Streams run events to clients outside Blazor (scripts, the CLI watcher) from the same <see cref="RunFeed"/> the run
/// page follows, and lists runs.
/// </summary>
public sealed class TrainingHub(RunStore store, RunFeed feed, DashboardMetrics metrics) : Hub
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

    /// <summary>
    /// The run's events after <paramref name="afterSequence"/> (see <see cref="RunFeed"/>) until it ends; the stream ends
    /// with a <see cref="HubException"/> when the run does not exist (a client's mistake, not the server's failure).
    /// </summary>
    public async IAsyncEnumerable<RunEvent> Follow(string runId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellation)
    {
        if (store.Find(runId) is null) throw new HubException($"There is no run '{runId}'.");
        await foreach (var runEvent in feed.Follow(runId, afterSequence, untilEnded: true, cancellation)) yield return runEvent;
    }

    /// <summary>The current list of runs, newest first.</summary>
    public IReadOnlyList<RunSummary> Runs(int skip, int take) => store.List(Math.Max(0, skip), Math.Clamp(take, 1, 500));
}
