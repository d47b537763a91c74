using Dashboard.Charts;
using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>
/// Each fit's whole planned learning-rate curve (from <see cref="ScheduleComputed"/>, drawn before it starts),
/// placed after the fits before it on one iteration axis, and a marker that follows the batches.
/// </summary>
public sealed class ScheduleView
{
    private static readonly string[] Palette = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#c62828"];
    private readonly List<LiveTrace> planned = [];
    private readonly Dictionary<int, (int Offset, int Iterations)> fits = [];

    public LiveTrace Marker { get; } = new("now") { Style = TraceStyle.Markers, Window = 1, Color = "#d32f2f", MarkerSize = 11 };
    public IReadOnlyList<LiveTrace> Traces => [.. planned, Marker];
    public int PlannedIterations => fits.Values.Sum(f => f.Iterations);

    public int IterationsOf(int fitIndex) => fits.TryGetValue(fitIndex, out var fit) ? fit.Iterations : 0;

    /// <summary>Adds a fit's curve starting at <paramref name="offset"/>, the run's batch count when it was planned.</summary>
    public void Apply(ScheduleComputed schedule, int offset)
    {
        var groups = schedule.LearningRatesPerGroup;
        if (groups.Count == 0) return;
        fits[schedule.FitIndex] = (offset, groups[^1].Count);
        var head = groups[^1];
        bool differential = groups.Any(g => !g.SequenceEqual(head));
        var color = Palette[schedule.FitIndex % Palette.Length];
        for (int g = 0; g < groups.Count; g++)
        {
            bool isHead = g == groups.Count - 1;
            if (!isHead && !differential) continue;
            var name = differential ? $"fit {schedule.FitIndex + 1} · group {g + 1}" : $"fit {schedule.FitIndex + 1}";
            var trace = new LiveTrace(name) { Color = color, Dash = isHead ? null : (g == 0 ? "dot" : "dash"), LegendGroup = $"fit{schedule.FitIndex}" };
            trace.Replace(groups[g].Select((_, i) => (double)(offset + i)), groups[g]);
            planned.Add(trace);
        }
    }

    public void Apply(BatchEnded batch)
    {
        if (fits.TryGetValue(batch.FitIndex, out var fit)) Marker.Add(fit.Offset + batch.Iteration, batch.LearningRate);
    }
}
