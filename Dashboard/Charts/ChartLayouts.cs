using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.LayoutLib.LegendLib;
using XTypeEnum = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum;
using YSide = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum;
using XRangeMode = Plotly.Blazor.LayoutLib.XAxisLib.RangeModeEnum;
using YRangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum;

namespace Dashboard.Charts;

/// <summary>The layouts the dashboard's charts share: compact margins, legend below, titled axes.</summary>
public static class ChartLayouts
{
    /// <summary>
    /// One x and one y axis. The legend sits below the plot, or on its right when <paramref name="legendRight"/>
    /// (for charts with many traces, whose legend would wrap into the axis title). With <paramref name="yFromZero"/> a
    /// linear y axis starts at 0: a quantity that is never negative (a learning rate, an accuracy) then keeps its scale
    /// even when it is constant, where Plotly would otherwise centre it on a range of ±1 (a constant rate of 0.01 drawn
    /// at "0").
    /// </summary>
    public static Layout Xy(string xTitle, string yTitle, bool logX = false, IList<object>? yRange = null, bool legendRight = false, bool yFromZero = false) => new()
    {
        Margin = new Margin { L = 60, R = 20, T = 10, B = 45 },
        ShowLegend = true,
        Legend = [legendRight ? new Legend { Orientation = OrientationEnum.V, X = 1.02m, Y = 1m } : new Legend { Orientation = OrientationEnum.H, Y = -0.25m }],
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, Type = logX ? XTypeEnum.Log : null, ExponentFormat = logX ? Plotly.Blazor.LayoutLib.XAxisLib.ExponentFormatEnum.Power : null }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, Range = yRange, RangeMode = yFromZero ? YRangeMode.ToZero : null }],
        UiRevision = "keep",
    };

    /// <summary>An x axis of whole epochs: ticks on integers, about ten of them however many epochs there are.</summary>
    public static Layout Epochs(string yTitle, int epochs, bool yFromZero = false)
    {
        var layout = Xy("epoch", yTitle, yFromZero: yFromZero);
        layout.XAxis[0].DTick = EpochTick(epochs);
        layout.XAxis[0].Tick0 = 1;
        return layout;
    }

    public static int EpochTick(int epochs) => Math.Max(1, (int)Math.Ceiling(epochs / 10.0));

    /// <summary>Two y axes: the first on the left, the second (traces with YAxis "y2") on the right; x never below 0 (elapsed time).</summary>
    public static Layout TwoAxes(string xTitle, string leftTitle, string rightTitle, IList<object>? rightRange = null)
    {
        var layout = Xy(xTitle, leftTitle);
        layout.XAxis[0].RangeMode = XRangeMode.NonNegative;
        layout.YAxis.Add(new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = rightTitle }, Overlaying = "y", Side = YSide.Right, Range = rightRange,
        });
        layout.Margin.R = 60;
        return layout;
    }
}
