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
    private readonly List<object> custom = [];

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
    /// <summary>Plotly's hover text for a point, reading its <see cref="CustomData"/> as <c>%{customdata[i]}</c>.</summary>
    public string? HoverTemplate { get; init; }
    /// <summary>Each point's hover values, given to <see cref="Add(double, double, object[])"/>; empty when the trace has none.</summary>
    public IReadOnlyList<object> CustomData => custom;

    public void Add(double xValue, double yValue)
    {
        if (!double.IsFinite(xValue) || !double.IsFinite(yValue)) return;
        x.Add(xValue);
        y.Add(yValue);
    }

    /// <summary>A point with the values its hover text shows (kept only with the point: a non-finite one is left out).</summary>
    public void Add(double xValue, double yValue, object[] hover)
    {
        int before = Count;
        Add(xValue, yValue);
        if (Count > before) custom.Add(hover);
    }

    public void Replace(IEnumerable<double> xs, IEnumerable<double> ys)
    {
        x.Clear();
        y.Clear();
        custom.Clear();
        foreach (var (xValue, yValue) in xs.Zip(ys)) Add(xValue, yValue);
        Version++;
    }
}
