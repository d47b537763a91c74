using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

public class SmoothedLossTests
{
    [Fact]
    public void The_first_value_is_the_first_loss_because_the_average_is_debiased()
    {
        var loss = new SmoothedLoss(0.98);
        Assert.True(double.IsNaN(loss.Value));

        loss.Add(2.5);

        Assert.Equal(2.5, loss.Value, 12);
    }

    [Fact]
    public void Later_losses_weigh_more_and_a_constant_loss_stays_constant()
    {
        var rising = new SmoothedLoss(0.5);
        rising.Add(1);
        rising.Add(3);
        Assert.Equal((0.25 * 1 + 0.5 * 3) / 0.75, rising.Value, 12); // (β(1−β)·1 + (1−β)·3) / (1 − β²)

        var constant = new SmoothedLoss(0.98);
        for (int i = 0; i < 50; i++) constant.Add(0.7);
        Assert.Equal(0.7, constant.Value, 12);
    }
}
