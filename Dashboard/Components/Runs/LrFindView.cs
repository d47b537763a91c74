using Dashboard.Charts;
using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>The learning-rate finder's curve as it grows, then its suggestions once it completes.</summary>
public sealed class LrFindView
{
    public LiveTrace Raw { get; } = new("loss") { Color = "#90caf9" };
    public LiveTrace Smoothed { get; } = new("smoothed loss") { Color = "#1565c0", Width = 2.5 };
    public LiveTrace? SuggestionLine { get; private set; }
    public LiveTrace? MinOverTenLine { get; private set; }
    public double? Suggestion { get; private set; }
    public double? MinLossLearningRateOverTen { get; private set; }
    /// <summary>Changes when the axes should be redrawn (a new sweep, or suggestions arrived).</summary>
    public int Version { get; private set; }
    public IList<object>? YRange { get; private set; }
    public int Sweeps { get; private set; }

    public IReadOnlyList<LiveTrace> Traces =>
        SuggestionLine is null || MinOverTenLine is null ? [Raw, Smoothed] : [Raw, Smoothed, SuggestionLine, MinOverTenLine];

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
        Suggestion = finder.Suggestion;
        MinLossLearningRateOverTen = finder.MinLossLearningRateOverTen;
        var (low, high) = VisibleLossRange(finder.SmoothedLosses, finder.Losses);
        YRange = [low, high];
        SuggestionLine = Vertical($"suggestion {finder.Suggestion:0.###e0}", finder.Suggestion, low, high, "#d32f2f", "dash");
        MinOverTenLine = Vertical($"min loss / 10: {finder.MinLossLearningRateOverTen:0.###e0}", finder.MinLossLearningRateOverTen, low, high, "#757575", "dot");
        Version++;
    }

    private void StartSweep()
    {
        Sweeps++;
        if (Raw.Count == 0 && SuggestionLine is null) return;
        Raw.Replace([], []);
        Smoothed.Replace([], []);
        (SuggestionLine, MinOverTenLine, Suggestion, MinLossLearningRateOverTen, YRange) = (null, null, null, null, null);
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

    private static LiveTrace Vertical(string name, double x, double low, double high, string color, string dash)
    {
        var line = new LiveTrace(name) { Color = color, Dash = dash, Width = 2 };
        line.Add(x, low);
        line.Add(x, high);
        return line;
    }
}
