using Plotly.Blazor;

namespace Dashboard.Charts;

/// <summary>
/// Plotly colours that read on the app's light and dark themes: transparent backgrounds (the card's colour shows
/// through) and text and grid colours from MudBlazor's default palettes.
/// </summary>
public static class ChartTheme
{
    private const string Transparent = "rgba(0,0,0,0)";

    public static void Apply(Layout layout, bool dark)
    {
        var (text, grid) = dark ? ("rgba(255,255,255,0.80)", "rgba(255,255,255,0.15)") : ("rgba(66,66,66,1)", "rgba(0,0,0,0.10)");
        layout.PaperBgColor = Transparent;
        layout.PlotBgColor = Transparent;
        layout.Font = new Plotly.Blazor.LayoutLib.Font { Color = text };
        foreach (var axis in layout.XAxis ?? []) axis.GridColor = grid;
        foreach (var axis in layout.YAxis ?? []) axis.GridColor = grid;
    }
}
