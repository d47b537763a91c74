using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Dashboard.Charts;

/// <summary>Turns a <see cref="LiveTrace"/> (or a slice of its points) into what Plotly.Blazor sends to plotly.js.</summary>
public static class PlotlyTraces
{
    public static Scatter Scatter(LiveTrace trace)
    {
        int from = trace.Window is { } window ? Math.Max(0, trace.Count - window) : 0;
        var (xs, ys) = Points(trace, from, trace.Count);
        return new Scatter
        {
            Name = trace.Name,
            X = xs,
            Y = ys,
            Mode = trace.Style switch
            {
                TraceStyle.Markers => ModeFlag.Markers,
                TraceStyle.LineAndMarkers => ModeFlag.Lines | ModeFlag.Markers,
                _ => ModeFlag.Lines,
            },
            Line = new Line { Color = trace.Color, Dash = trace.Dash, Width = (decimal?)trace.Width },
            Marker = new Marker { Color = trace.Color, Size = (decimal?)trace.MarkerSize },
            YAxis = trace.YAxis,
            LegendGroup = trace.LegendGroup,
            ShowLegend = trace.ShowLegend,
            HoverTemplate = trace.HoverTemplate,
            CustomData = HasHover(trace) ? Hover(trace, from, trace.Count) : null,
        };
    }

    /// <summary>Points [from, to) as the object lists plotly's data arrays are made of.</summary>
    public static (List<object> X, List<object> Y) Points(LiveTrace trace, int from, int to)
    {
        var xs = new List<object>(to - from);
        var ys = new List<object>(to - from);
        for (int i = from; i < to; i++)
        {
            xs.Add(trace.X[i]);
            ys.Add(trace.Y[i]);
        }
        return (xs, ys);
    }

    /// <summary>Whether every point carries hover values (a trace whose points were replaced has none).</summary>
    public static bool HasHover(LiveTrace trace) => trace.HoverTemplate is not null && trace.CustomData.Count == trace.Count;

    /// <summary>The hover values of points [from, to).</summary>
    public static List<object> Hover(LiveTrace trace, int from, int to) => trace.CustomData.Skip(from).Take(to - from).ToList();

    public static Config Config(string fileName) => new()
    {
        DisplayLogo = false,
        Responsive = true,
        ToImageButtonOptions = new { format = "png", filename = fileName, scale = 2 },
    };
}
