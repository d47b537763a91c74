using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Dashboard.Runs;

/// <summary>
/// One run's events as one stream, for every follower (the run page, the SignalR hub, the CLI watcher through it): the
/// stored history after a sequence number, then each event as it is stored, in order, without gaps or duplicates. It
/// listens before it reads the history, so nothing stored in between is missed; a notification that arrives after a gap
/// is preceded by what the store holds in the gap. The history is append-only, so resuming after the last number seen
/// misses nothing (a <c>runResumed</c> event says which earlier ones it supersedes, see <see cref="RunHistory"/>).
/// </summary>
public sealed class RunFeed(RunStore store, RunNotifier notifier)
{
    /// <param name="untilEnded">
    /// End the stream once the run has ended (a script following one run). Otherwise it goes on until cancelled, through
    /// the run's end and any resume (a page that shows the run).
    /// </param>
    public async IAsyncEnumerable<RunEvent> Follow(string runId, long afterSequence, bool untilEnded, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var live = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var events = notifier.SubscribeEvents(runId, e => live.Writer.TryWrite(e));
        using var ends = untilEnded ? notifier.SubscribeRuns(run =>
        {
            if (run.Id == runId && !RunStatus.IsActive(run.Status)) live.Writer.TryComplete();
        }) : null;
        long last = afterSequence;
        foreach (var stored in store.Events(runId, afterSequence))
        {
            last = stored.Sequence;
            yield return stored;
        }
        if (untilEnded && (store.Find(runId) is not { } run || !RunStatus.IsActive(run.Status))) yield break;
        await foreach (var next in live.Reader.ReadAllAsync(cancellation))
        {
            if (next.Sequence > last + 1)
                foreach (var missed in store.Events(runId, last))
                {
                    last = missed.Sequence;
                    yield return missed;
                }
            if (next.Sequence <= last) continue;
            last = next.Sequence;
            yield return next;
        }
        foreach (var late in store.Events(runId, last)) yield return late;
    }
}
