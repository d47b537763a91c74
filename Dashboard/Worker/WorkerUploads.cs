using Dashboard.Configuration;
using Dashboard.Runs.Workers;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Worker;

/// <summary>
/// A worker's files on their way to the server when it does not share the server's folder (<see cref="WorkerFilesOptions"/>):
/// each checkpoint (seen in the events that report it) and each resume point (told by its store) is queued, the training
/// thread never waits, and <see cref="SendAsync"/> uploads them in order, retrying as events are retried while the server
/// is unreachable. A file queued again before it was sent is sent once, as it is then. The run's end waits in
/// <see cref="FinishAsync"/> until every file is sent, or the server is lost.
/// </summary>
public sealed class WorkerUploads(WorkerConnection connection, DashboardPaths paths, string runId, ILogger logger)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly object gate = new();
    private readonly List<(string Kind, string Name, string Path)> pending = [];
    private readonly SemaphoreSlim queued = new(0);
    private readonly List<string> refusals = [];
    private bool finished;
    private bool headOnItsWay;

    /// <summary>Wraps <paramref name="events"/> so that each checkpoint a run saves is queued.</summary>
    public ITrainingEventSink Watching(ITrainingEventSink events) => new CheckpointWatch(events, this);

    /// <summary>Queues the run's resume point, weights then record (called by its store after writing it).</summary>
    public void ResumePointWritten()
    {
        foreach (var name in WorkerFiles.ResumeNames) Queue(WorkerFiles.Resume, name, WorkerFiles.PathOf(paths, runId, WorkerFiles.Resume, name));
    }

    private void Queue(string kind, string name, string path)
    {
        lock (gate)
        {
            if (pending.Skip(headOnItsWay ? 1 : 0).Any(p => p.Kind == kind && p.Name == name)) return; // one on its way may have older contents
            pending.Add((kind, name, path));
        }
        queued.Release();
    }

    /// <summary>Uploads queued files until <see cref="FinishAsync"/> and the queue is empty, or the server is lost.</summary>
    public async Task SendAsync()
    {
        while (true)
        {
            (string Kind, string Name, string Path) next;
            lock (gate)
            {
                if (pending.Count == 0 && finished) return;
                next = pending.FirstOrDefault();
                headOnItsWay = next.Kind is not null;
            }
            if (next.Kind is null) { await queued.WaitAsync(); continue; }
            if (!await UploadAsync(next)) return;
            lock (gate)
            {
                pending.RemoveAt(0);
                headOnItsWay = false;
            }
        }
    }

    /// <summary>False when the server is lost; a refused file is given up (and reported by <see cref="FinishAsync"/>).</summary>
    private async Task<bool> UploadAsync((string Kind, string Name, string Path) file)
    {
        while (true)
        {
            var (delivery, refusal) = await connection.UploadAsync(file.Kind, file.Name, file.Path);
            if (delivery == Delivery.Delivered) return true;
            if (delivery == Delivery.Refused)
            {
                logger.LogError("Run {RunId}: the server refused {Kind} file {Name}: {Refusal}", runId, file.Kind, file.Name, refusal);
                lock (gate) refusals.Add($"the server refused {file.Kind} file '{file.Name}' ({refusal})");
                return true;
            }
            if (connection.Lost) return false;
            await Task.Delay(RetryInterval);
        }
    }

    /// <summary>
    /// Waits for <paramref name="sending"/> (<see cref="SendAsync"/>) to upload every queued file; bounded by the server
    /// loss limit. Null when every file reached the server, else why not.
    /// </summary>
    public async Task<string?> FinishAsync(Task sending)
    {
        lock (gate) finished = true;
        queued.Release();
        await sending;
        lock (gate)
        {
            if (pending.Count > 0) return $"{pending.Count} checkpoint or resume point files could not be uploaded: the server could not be reached";
            return refusals.Count == 0 ? null : string.Join("; ", refusals);
        }
    }

    private sealed class CheckpointWatch(ITrainingEventSink events, WorkerUploads uploads) : ITrainingEventSink
    {
        public void Emit(TrainingEvent trainingEvent)
        {
            events.Emit(trainingEvent);
            if (trainingEvent is Saved saved) uploads.Queue(WorkerFiles.Checkpoint, saved.Name, saved.Path);
            else if (trainingEvent is BestEpochSaved best) uploads.Queue(WorkerFiles.Checkpoint, best.Name, best.Path);
        }
    }
}
