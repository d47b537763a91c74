using Dashboard.Training.Learning.Optimizers;
using Dashboard.Training.Precision;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Precision;

public class GradScalerTests
{
    private const double Rate = 0.1;

    private static (nn.Module<Tensor, Tensor> Model, Sgd Optimizer) Linear()
    {
        torch.manual_seed(7);
        var model = nn.Linear(4, 3);
        return (model, new Sgd([new ParameterGroup(model.parameters().ToArray(), Rate)], momentum: 0.9, weightDecay: 0));
    }

    private static Tensor Loss(nn.Module<Tensor, Tensor> model, double inputScale = 1)
    {
        torch.manual_seed(11);
        using var unit = torch.randn(8, 4);
        using var inputs = unit.mul(inputScale);
        using var targets = torch.randint(0, 3, 8, dtype: ScalarType.Int64);
        using var logits = model.call(inputs);
        return nn.functional.cross_entropy(logits, targets);
    }

    private static Tensor[] Weights(nn.Module model) => model.parameters().Select(p => p.detach().clone()).ToArray();

    [Fact]
    public void A_scaled_step_updates_the_weights_as_an_unscaled_one()
    {
        var (plain, plainSgd) = Linear();
        var (scaled, scaledSgd) = Linear();
        var scaler = new GradScaler(new LossScaleOptions { InitialScale = 4096 });
        for (int step = 0; step < 3; step++)
        {
            using (var loss = Loss(plain)) { plainSgd.ZeroGrad(); loss.backward(); plainSgd.Step(); }
            using (var loss = Loss(scaled)) { scaledSgd.ZeroGrad(); scaler.Backward(loss); Assert.True(scaler.Step(scaledSgd)); }
        }
        foreach (var (expected, actual) in Weights(plain).Zip(Weights(scaled)))
            Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6));
        Assert.Equal(0, scaler.SkippedSteps);
    }

    [Fact]
    public void A_step_whose_scaled_gradients_overflow_is_skipped_and_the_scale_lowered()
    {
        var (model, sgd) = Linear();
        var before = Weights(model);
        // float32 tops out near 3.4e38: a loss in the hundreds times 1e38 overflows, and every gradient with it.
        var scaler = new GradScaler(new LossScaleOptions { InitialScale = 1e38 });
        using (var loss = Loss(model, inputScale: 1000)) { scaler.Backward(loss); Assert.False(scaler.Step(sgd)); }
        Assert.Contains(model.parameters(), p => !p.grad!.isfinite().all().item<bool>());
        foreach (var (expected, actual) in before.Zip(Weights(model)))
            Assert.True(expected.eq(actual).all().item<bool>(), "a skipped step leaves the weights untouched");
        Assert.Equal(0.5e38, scaler.State.Scale);
        Assert.Equal(1, scaler.SkippedSteps);
    }

    [Fact]
    public void One_non_finite_gradient_among_finite_ones_skips_the_step()
    {
        var (model, sgd) = Linear();
        var scaler = new GradScaler(new LossScaleOptions { InitialScale = 8, GrowthInterval = 1 });
        using (var loss = Loss(model)) scaler.Backward(loss);
        var bias = model.parameters().Last();
        bias.grad![0] = float.PositiveInfinity;
        var before = Weights(model);
        Assert.False(scaler.Step(sgd));
        Assert.True(before[0].eq(Weights(model)[0]).all().item<bool>());
        Assert.Equal(4, scaler.State.Scale);

        sgd.ZeroGrad();
        using (var loss = Loss(model)) scaler.Backward(loss);
        Assert.True(scaler.Step(sgd));
        Assert.Equal(8, scaler.State.Scale); // grows again after GrowthInterval finite steps
    }
}
