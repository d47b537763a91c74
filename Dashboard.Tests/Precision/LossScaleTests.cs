using Dashboard.Training.Precision;

namespace Dashboard.Tests.Precision;

public class LossScaleTests
{
    private static readonly LossScaleOptions Options = new() { InitialScale = 1024, GrowthInterval = 3 };

    [Fact]
    public void A_step_with_non_finite_gradients_halves_the_scale_and_restarts_the_count()
    {
        var scale = LossScale.Initial(Options).After(gradientsFinite: true, Options).After(gradientsFinite: false, Options);
        Assert.Equal(new LossScale(512, 0), scale);
    }

    [Fact]
    public void The_scale_doubles_after_growth_interval_finite_steps_in_a_row_and_not_before()
    {
        var scale = LossScale.Initial(Options);
        scale = scale.After(true, Options).After(true, Options);
        Assert.Equal(new LossScale(1024, 2), scale);
        Assert.Equal(new LossScale(2048, 0), scale.After(true, Options));
    }
}
