using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>
/// Where the current phase (an lr_find sweep, a fit, precompute, TTA or interpretation) stands, with an ETA from the
/// recent batch rate. A phase that was stopped keeps the batch it stopped at.
/// </summary>
public sealed class ProgressView
{
    private const int RateWindow = 30;
    private static readonly Dictionary<string, string> PhaseNames = new()
    {
        ["precompute"] = "precomputing activations", ["tta"] = "TTA", ["interpretation"] = "final validation and interpretation",
    };
    private readonly Queue<DateTimeOffset> recent = new();

    public string Phase { get; private set; } = "waiting to start";
    public int Done { get; private set; }
    public int Total { get; private set; }
    public TimeSpan? Eta { get; private set; }
    public double? BatchesPerSecond { get; private set; }
    /// <summary>The phase ended before its last batch (stopped, failed, interrupted): <see cref="Done"/> is where.</summary>
    public bool EndedEarly { get; private set; }
    public double Percent => Total == 0 ? 0 : Math.Clamp(100.0 * Done / Total, 0, 100);

    public void Start(string phase, int total)
    {
        (Phase, Total, Done, Eta, BatchesPerSecond, EndedEarly) = (phase, total, 0, null, null, false);
        recent.Clear();
    }

    public void Step(int done, DateTimeOffset at)
    {
        Done = done;
        recent.Enqueue(at);
        if (recent.Count > RateWindow) recent.Dequeue();
        var seconds = (recent.Last() - recent.Peek()).TotalSeconds;
        if (recent.Count < 2 || seconds <= 0) return;
        BatchesPerSecond = (recent.Count - 1) / seconds;
        Eta = TimeSpan.FromSeconds(Math.Max(0, Total - Done) / BatchesPerSecond.Value);
    }

    /// <summary>Precompute, TTA or interpretation advanced.</summary>
    public void Apply(PhaseProgressed phase)
    {
        var name = PhaseNames.GetValueOrDefault(phase.Phase, phase.Phase);
        if (phase.Done == 0 || name != Phase) Start(name, phase.Total);
        if (phase.Done > 0) Step(phase.Done, phase.At);
    }

    public void Finish(string phase)
    {
        (Phase, Eta) = (phase, null);
        Done = Total;
    }

    /// <summary>The phase ended where it was: a stopped fit shows the batch it stopped at, not a full bar.</summary>
    public void EndEarly(string phase)
    {
        if (EndedEarly) return;
        (Phase, Eta, EndedEarly) = (phase, null, Done < Total);
    }
}
