using static TorchSharp.torch;

namespace Dashboard.Training.Models.Onnx.Export;

/// <summary>
/// An eval-mode BatchNorm as a per-channel affine map, y = x·scale + shift with scale = γ/√(var + ε) and
/// shift = β − mean·scale; folded into the convolution before it: W' = W·scale (per output channel), b' = b·scale + shift.
/// </summary>
internal static class BatchNormFolding
{
    private const double Epsilon = 1e-5; // SafeBatchNorm's

    public static (Tensor Scale, Tensor Shift) Affine(IReadOnlyDictionary<string, Tensor> state, string prefix)
    {
        using var scope = NewDisposeScope();
        var (weight, bias) = (state[prefix + ".weight"], state[prefix + ".bias"]);
        var (mean, variance) = (state[prefix + ".running_mean"], state[prefix + ".running_var"]);
        var scale = weight.to(ScalarType.Float64).div(variance.to(ScalarType.Float64).add(Epsilon).sqrt());
        var shift = bias.to(ScalarType.Float64).sub(mean.to(ScalarType.Float64).mul(scale));
        return (scale.MoveToOuterDisposeScope(), shift.MoveToOuterDisposeScope());
    }

    /// <summary>A bias-free convolution's weight and bias after folding the BatchNorm at <paramref name="batchNorm"/> into it.</summary>
    public static (Tensor Weight, Tensor Bias) IntoConvolution(IReadOnlyDictionary<string, Tensor> state, string convolution, string batchNorm)
    {
        using var scope = NewDisposeScope();
        var (scale, shift) = Affine(state, batchNorm);
        var weight = state[convolution + ".weight"].to(ScalarType.Float64).mul(scale.view(-1, 1, 1, 1));
        return (weight.to(ScalarType.Float32).MoveToOuterDisposeScope(), shift.to(ScalarType.Float32).MoveToOuterDisposeScope());
    }
}
