namespace Dashboard.Components.Runs;

/// <summary>Where the current phase (an lr_find sweep or a fit) stands, with an ETA from the recent batch rate.</summary>
public sealed class ProgressView
{
    private const int RateWindow = 30;
    private readonly Queue<DateTimeOffset> recent = new();

    public string Phase { get; private set; } = "waiting to start";
    public int Done { get; private set; }
    public int Total { get; private set; }
    public TimeSpan? Eta { get; private set; }
    public double? BatchesPerSecond { get; private set; }
    public double Percent => Total == 0 ? 0 : Math.Clamp(100.0 * Done / Total, 0, 100);

    public void Start(string phase, int total)
    {
        (Phase, Total, Done, Eta, BatchesPerSecond) = (phase, total, 0, null, null);
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

    public void Finish(string phase)
    {
        (Phase, Eta) = (phase, null);
        Done = Total;
    }
}
