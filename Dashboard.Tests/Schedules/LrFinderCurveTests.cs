using Dashboard.Training.Schedules;

namespace Dashboard.Tests.Schedules;

public class LrFinderCurveTests
{
    [Fact]
    public void Sweep_is_geometric_from_start_to_end()
    {
        Assert.Equal(1e-7, LrFinderCurve.SweepRate(0, 9, 1e-7, 10), 15);
        Assert.Equal(1e-3, LrFinderCurve.SweepRate(4, 9, 1e-7, 10), 12);
        Assert.Equal(10, LrFinderCurve.SweepRate(8, 9, 1e-7, 10), 9);
    }

    [Fact]
    public void Smoothing_is_bias_corrected()
    {
        var smoothed = LrFinderCurve.Smooth([2.0, 4.0], beta: 0.98);

        Assert.Equal(2.0, smoothed[0], 12);
        double average = 0.98 * (0.02 * 2) + 0.02 * 4;
        Assert.Equal(average / (1 - 0.98 * 0.98), smoothed[1], 12);
    }

    [Fact]
    public void Divergence_is_more_than_four_times_the_best_or_not_finite()
    {
        Assert.False(LrFinderCurve.Diverged(3.9, 1.0, 4));
        Assert.True(LrFinderCurve.Diverged(4.1, 1.0, 4));
        Assert.True(LrFinderCurve.Diverged(double.NaN, 1.0, 4));
    }
}
