using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>
/// BatchNorm as TorchSharp's <c>BatchNorm1d</c>/<c>BatchNorm2d</c> (same parameters, buffers and state_dict keys,
/// momentum 0.1, ε 1e-5), except for the batch counter: TorchSharp's forward counts with <c>add_(1)</c>, two
/// implicit scalars the finalizer may free while libtorch reads them (see <see cref="TorchScalars"/>).
/// </summary>
public sealed class SafeBatchNorm : BatchNorm
{
    private const double Epsilon = 1e-5;
    private const double Momentum = 0.1;

    private readonly long inputDimensions;

    private SafeBatchNorm(long features, long inputDimensions, string name)
        : base(features, Epsilon, Momentum, affine: true, track_running_stats: true, device: null, dtype: null, name) =>
        this.inputDimensions = inputDimensions;

    /// <summary>For (N, C) features, as <c>nn.BatchNorm1d</c> in a classifier head.</summary>
    public static SafeBatchNorm OneD(long features) => new(features, 2, "BatchNorm1d");

    /// <summary>For (N, C, H, W) feature maps, as <c>nn.BatchNorm2d</c>.</summary>
    public static SafeBatchNorm TwoD(long features) => new(features, 4, "BatchNorm2d");

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != inputDimensions)
            throw new ArgumentException($"{GetName()} expects {inputDimensions}-D input, got {input.ndim}-D.", nameof(input));
    }

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        if (training) num_batches_tracked?.add_(TorchScalars.One, TorchScalars.One);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
    }
}
