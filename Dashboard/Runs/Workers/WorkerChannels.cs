using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Runs.Workers;

/// <summary>
/// The open channels to worker processes, one per running run: the run's token (kept as a SHA-256 hash), its stop
/// request, and how the worker said it ended. A closed channel accepts nothing, so a worker cannot write to a run whose
/// executor has already ended it. The server stays the only writer of the run store.
/// </summary>
public sealed class WorkerChannels(RunEventRecorder recorder, RunStore store)
{
    private readonly ConcurrentDictionary<string, WorkerChannel> open = new();

    /// <summary>Opens the run's channel and returns the token its worker must present.</summary>
    public string Open(string runId, CancellationToken stop)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Reopen(runId, TokenHash(token), stop);
        return token;
    }

    /// <summary>Opens the run's channel for a worker that already holds a token (one started before a restart of the server), known by its hash.</summary>
    public void Reopen(string runId, byte[] tokenHash, CancellationToken stop) => open[runId] = new WorkerChannel(tokenHash, stop);

    /// <summary>What a request presenting <paramref name="token"/> for <paramref name="runId"/> may do.</summary>
    public WorkerAccess Authorize(string runId, string? token)
    {
        if (store.Find(runId) is null) return WorkerAccess.UnknownRun;
        if (!open.TryGetValue(runId, out var channel)) return WorkerAccess.NotRunning;
        return token is not null && CryptographicOperations.FixedTimeEquals(TokenHash(token), channel.TokenHash) ? WorkerAccess.Allowed : WorkerAccess.WrongToken;
    }

    public WorkerAssignment? Assignment(string runId) =>
        store.Find(runId) is { } run && open.ContainsKey(runId) ? new WorkerAssignment(runId, run.RecipeJson, store.LastSequence(runId)) : null;

    /// <summary>Stores a batch once, in order; null when the channel closed meanwhile.</summary>
    public WorkerBatchReply? Accept(string runId, WorkerBatch batch)
    {
        if (!open.TryGetValue(runId, out var channel)) return null;
        lock (channel)
        {
            if (channel.Closed) return null;
            long last = recorder.RecordNumbered(runId, batch.Events);
            return new WorkerBatchReply(last, channel.Stop.IsCancellationRequested);
        }
    }

    /// <summary>Keeps the worker's end report; false when the channel is closed or events before the end are missing.</summary>
    public bool Finish(string runId, WorkerEnd end)
    {
        if (!open.TryGetValue(runId, out var channel)) return false;
        lock (channel)
        {
            if (channel.Closed || store.LastSequence(runId) < end.LastSequence) return false;
            channel.End = end;
            channel.EndReported.TrySetResult();
            return true;
        }
    }

    /// <summary>Completes when the run's worker has reported its end (never, for a run without an open channel).</summary>
    public Task EndReported(string runId) => open.TryGetValue(runId, out var channel) ? channel.EndReported.Task : Task.Delay(Timeout.Infinite);

    /// <summary>Closes the run's channel (no request is served after this returns) and answers the worker's end report, if it sent one.</summary>
    public WorkerEnd? Close(string runId)
    {
        if (!open.TryRemove(runId, out var channel)) return null;
        lock (channel)
        {
            channel.Closed = true;
            return channel.End;
        }
    }

    public static byte[] TokenHash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private sealed class WorkerChannel(byte[] tokenHash, CancellationToken stop)
    {
        public byte[] TokenHash { get; } = tokenHash;
        public CancellationToken Stop { get; } = stop;
        public bool Closed { get; set; }
        public WorkerEnd? End { get; set; }
        public TaskCompletionSource EndReported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public enum WorkerAccess { Allowed, UnknownRun, NotRunning, WrongToken }
