namespace Dashboard.Charts;

public enum TraceStyle { Line, Markers, LineAndMarkers }

/// <summary>
/// A series of points that grows as events arrive. Charts send the browser only the points it has not got yet;
/// <see cref="Version"/> changes when points are replaced instead of appended, and the chart then redraws.
/// Points that are not finite numbers (a diverged loss) are left out: JSON cannot carry them.
/// </summary>
public sealed class LiveTrace(string name)
{
    private readonly List<double> x = [];
    private readonly List<double> y = [];

    public string Name { get; } = name;
    public IReadOnlyList<double> X => x;
    public IReadOnlyList<double> Y => y;
    public int Count => x.Count;
    public int Version { get; private set; }

    public TraceStyle Style { get; init; } = TraceStyle.Line;
    public string? Color { get; init; }
    public string? Dash { get; init; }
    public double? Width { get; init; }
    public double? MarkerSize { get; init; }
    /// <summary>"y2" puts the trace on the chart's second y axis.</summary>
    public string? YAxis { get; init; }
    public string? LegendGroup { get; init; }
    public bool ShowLegend { get; init; } = true;
    /// <summary>Only the last this-many points are drawn (1 makes a moving marker).</summary>
    public int? Window { get; init; }

    public void Add(double xValue, double yValue)
    {
        if (!double.IsFinite(xValue) || !double.IsFinite(yValue)) return;
        x.Add(xValue);
        y.Add(yValue);
    }

    public void Replace(IEnumerable<double> xs, IEnumerable<double> ys)
    {
        x.Clear();
        y.Clear();
        foreach (var (xValue, yValue) in xs.Zip(ys)) Add(xValue, yValue);
        Version++;
    }
}
