using Dashboard.Training.Precision;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Precision;

public class AutocastTests
{
    [Fact]
    public void Inside_a_bf16_scope_a_convolution_computes_in_bf16_and_outside_in_fp32()
    {
        Assert.Null(Autocast.Unavailable());
        using var conv = nn.Conv2d(3, 4, 3);
        using var input = randn(1, 3, 8, 8);

        ScalarType inside;
        using (Autocast.Enter(CPU, TrainingPrecision.Bf16))
        {
            Assert.True(Autocast.IsEnabled(CPU));
            using var output = conv.forward(input);
            inside = output.dtype;
        }
        using var after = conv.forward(input);

        Assert.Equal(ScalarType.BFloat16, inside);
        Assert.Equal(ScalarType.Float32, after.dtype);
        Assert.False(Autocast.IsEnabled(CPU));
        Assert.Equal(ScalarType.Float32, conv.weight!.dtype); // the weights stay fp32
    }

    [Fact]
    public void The_state_is_restored_after_an_exception_and_an_fp32_scope_changes_nothing()
    {
        Assert.Throws<InvalidOperationException>(FailInsideAScope);
        Assert.False(Autocast.IsEnabled(CPU));

        using (Autocast.Enter(CPU, TrainingPrecision.Fp32)) Assert.False(Autocast.IsEnabled(CPU));
    }

    private static void FailInsideAScope()
    {
        using var scope = Autocast.Enter(CPU, TrainingPrecision.Bf16);
        throw new InvalidOperationException("inside");
    }

    [Fact]
    public void Nested_scopes_restore_the_outer_one()
    {
        using var linear = nn.Linear(4, 2);
        using var input = randn(3, 4);
        using (Autocast.Enter(CPU, TrainingPrecision.Bf16))
        {
            using (Autocast.Enter(CPU, TrainingPrecision.Bf16)) { }
            Assert.True(Autocast.IsEnabled(CPU));
            using var output = linear.forward(input);
            Assert.Equal(ScalarType.BFloat16, output.dtype);
        }
        Assert.False(Autocast.IsEnabled(CPU));
    }
}
