using Dashboard.Runs;

namespace Dashboard.Components.Runs;

/// <summary>
/// The views of ended runs, built once from their events and shared by every page that opens them: a finished run
/// with thousands of events opens without reading and replaying them again. Pages only read a shared view; a page
/// whose run gets new events (a resume) builds its own with <see cref="Build"/>. A view is rebuilt when the run has
/// events it has not applied (the history is append-only, so the last sequence number tells).
/// </summary>
public sealed class RunViewCache
{
    private const int MaxRuns = 32;
    private readonly RunStore store;
    private readonly Dictionary<string, RunView> views = [];
    private readonly Lock gate = new();

    public RunViewCache(RunStore store) => this.store = store;

    /// <summary>The run's view; shared (do not apply events to it) when <paramref name="shared"/> comes back true.</summary>
    public RunView Open(RunSummary run, out bool shared)
    {
        shared = !RunStatus.IsActive(run.Status);
        if (!shared) return Build(run, store);
        long last = store.LastSequence(run.Id);
        lock (gate)
            if (views.TryGetValue(run.Id, out var cached) && cached.LastSequence == last) return cached;
        var view = Build(run, store);
        lock (gate)
        {
            if (views.Count >= MaxRuns) views.Clear();
            views[run.Id] = view;
        }
        return view;
    }

    /// <summary>A view of its own for a page: the run's whole stored history applied.</summary>
    public static RunView Build(RunSummary run, RunStore store)
    {
        return RunView.From(run, store.Events(run.Id));
    }
}
