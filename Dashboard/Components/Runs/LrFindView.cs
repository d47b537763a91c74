using Dashboard.Charts;
using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>
/// The learning-rate finder's curve as it grows, then its suggestions once it completes: a vertical line per method,
/// the chosen one drawn solid and wider.
/// </summary>
public sealed class LrFindView
{
    private static readonly Dictionary<string, string> MethodColors = new()
    {
        ["valley"] = "#d32f2f", ["slide"] = "#6a1b9a", ["minimum"] = "#757575", ["steep"] = "#ef6c00",
    };
    private List<LiveTrace> suggestionLines = [];

    public LiveTrace Raw { get; } = new("loss") { Color = "#90caf9" };
    public LiveTrace Smoothed { get; } = new("smoothed loss") { Color = "#1565c0", Width = 2.5 };
    public IReadOnlyList<LrSuggestion> Suggestions { get; private set; } = [];
    /// <summary>The method whose rate is offered; null until the sweep completes.</summary>
    public string? Chosen { get; private set; }
    /// <summary>The chosen method's rate; null until the sweep completes, or when that method gave none.</summary>
    public double? Suggestion { get; private set; }
    /// <summary>Changes when the axes should be redrawn (a new sweep, or suggestions arrived).</summary>
    public int Version { get; private set; }
    public IList<object>? YRange { get; private set; }
    public int Sweeps { get; private set; }

    public IReadOnlyList<LiveTrace> Traces => [Raw, Smoothed, .. suggestionLines];

    public void Apply(LrFindBatchEnded batch)
    {
        if (batch.Iteration == 0) StartSweep();
        Raw.Add(batch.LearningRate, batch.Loss);
        Smoothed.Add(batch.LearningRate, batch.SmoothedLoss);
    }

    public void Apply(LrFindCompleted finder)
    {
        if (Raw.Count != finder.LearningRates.Count(double.IsFinite))
        {
            Raw.Replace(finder.LearningRates, finder.Losses);
            Smoothed.Replace(finder.LearningRates, finder.SmoothedLosses);
        }
        (Suggestions, Chosen) = (finder.Suggestions, finder.Chosen);
        Suggestion = double.IsFinite(finder.Suggestion) ? finder.Suggestion : null;
        var (low, high) = VisibleLossRange(finder.SmoothedLosses, finder.Losses);
        YRange = [low, high];
        suggestionLines = finder.Suggestions.Select(s => Line(s, s.Method == finder.Chosen, low, high)).ToList();
        Version++;
    }

    private void StartSweep()
    {
        Sweeps++;
        if (Raw.Count == 0 && Chosen is null) return;
        Raw.Replace([], []);
        Smoothed.Replace([], []);
        (suggestionLines, Suggestions, Chosen, Suggestion, YRange) = ([], [], null, null, null);
        Version++;
    }

    /// <summary>
    /// From the lowest loss to 1.5 × the first smoothed one: the divergence at the end would flatten the rest.
    /// The raw losses' last tenth is left out of the low end, where a diverging sweep can dip before it explodes.
    /// </summary>
    private static (double Low, double High) VisibleLossRange(IReadOnlyList<double> smoothed, IReadOnlyList<double> raw)
    {
        var finite = smoothed.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return (0, 1);
        var rawFinite = raw.Take(Math.Max(1, raw.Count * 9 / 10)).Where(double.IsFinite).DefaultIfEmpty(finite.Min());
        double low = Math.Min(finite.Min(), rawFinite.Min()), high = Math.Min(Math.Max(finite.Max(), rawFinite.Max()), finite[0] * 1.5);
        if (high <= low) high = low + Math.Max(0.1, Math.Abs(low) * 0.1);
        double pad = (high - low) * 0.05;
        return (low - pad, high + pad);
    }

    private static LiveTrace Line(LrSuggestion suggestion, bool chosen, double low, double high)
    {
        var name = $"{suggestion.Method}{(chosen ? " (chosen)" : "")}: {EventText.Rate(suggestion.LearningRate)}";
        var line = new LiveTrace(name)
        {
            Color = MethodColors.GetValueOrDefault(suggestion.Method, "#424242"), Dash = chosen ? null : "dot", Width = chosen ? 3 : 1.5,
        };
        line.Add(suggestion.LearningRate, low);
        line.Add(suggestion.LearningRate, high);
        return line;
    }
}
