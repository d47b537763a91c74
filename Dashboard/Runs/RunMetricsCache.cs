namespace Dashboard.Runs;

/// <summary>
/// Each run's <see cref="RunMetrics"/>, kept up to date by reading only the events stored since the last request, so
/// pollers of a long fit cost the same at its thousandth batch as at its first (rebuilding from every event made ten
/// pollers take a quarter of a small fit's throughput). The history is append-only: a resume's <see cref="Dashboard.Training.Events.RunResumed"/>
/// drops what it supersedes inside the builder.
/// </summary>
public sealed class RunMetricsCache
{
    private const int MaxRuns = 256;

    private readonly RunStore store;
    private readonly Dictionary<string, Entry> entries = [];
    private readonly Lock gate = new();

    public RunMetricsCache(RunStore store) => this.store = store;

    public RunMetrics For(string runId)
    {
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(runId, out entry!))
            {
                if (entries.Count >= MaxRuns) entries.Clear();
                entries[runId] = entry = new Entry();
            }
        }
        lock (entry)
        {
            foreach (var stored in store.Events(runId, entry.LastSequence))
            {
                entry.Builder.Add(stored);
                entry.LastSequence = stored.Sequence;
            }
            return entry.Builder.Build();
        }
    }

    /// <summary>The figures folded from events up to <see cref="LastSequence"/>.</summary>
    private sealed class Entry
    {
        public RunMetricsBuilder Builder { get; } = new();

        public long LastSequence { get; set; }
    }
}
