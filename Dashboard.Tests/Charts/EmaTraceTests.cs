using Dashboard.Charts;

namespace Dashboard.Tests.Charts;

public class EmaTraceTests
{
    [Fact]
    public void The_average_is_debiased_follows_new_points_and_is_recomputed_when_the_weight_changes()
    {
        var source = new LiveTrace("raw");
        source.Add(0, 1);
        source.Add(1, 3);
        var ema = new EmaTrace(new LiveTrace("smoothed"));

        ema.Follow(source, 0.5);
        Assert.Equal([1.0, (0.5 * 0.5 + 0.5 * 3) / (1 - 0.25)], ema.Trace.Y); // TensorBoard's debiasing: the first point is the value itself
        int version = ema.Trace.Version;

        source.Add(2, 3);
        ema.Follow(source, 0.5);
        Assert.Equal(3, ema.Trace.Count);
        Assert.Equal(version, ema.Trace.Version); // appended, not redrawn

        ema.Follow(source, 2);
        Assert.Equal(EmaTrace.MaxWeight, ema.Weight);
        Assert.NotEqual(version, ema.Trace.Version);
        Assert.Equal(1.0, ema.Trace.Y[0], 12);
        Assert.Equal(7.0 / 3, ema.Trace.Y[2], 0.01); // near 1, debiasing makes the first points' average about their mean
    }
}
