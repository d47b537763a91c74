using Dashboard.Training.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Precision;

/// <summary>
/// Loss scaling for fp16 (PyTorch's <c>GradScaler</c>): fp16 activations underflow on small gradients, so backward runs
/// on loss × scale; the gradients (fp32, like the master weights) are divided back before the step, and a step whose
/// gradients overflowed is skipped and the scale lowered. One per fit, as fastai's <c>MixedPrecision</c> callback.
/// </summary>
public sealed class GradScaler(LossScaleOptions options)
{
    public LossScale State { get; private set; } = LossScale.Initial(options);

    /// <summary>Steps skipped because a gradient was inf or NaN.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>Backward of <paramref name="loss"/> × the current scale.</summary>
    public void Backward(Tensor loss)
    {
        using var scale = State.Scale.ToScalar();
        using var scaled = loss.mul(scale);
        scaled.backward();
    }

    /// <summary>
    /// Unscales every gradient, steps <paramref name="optimizer"/> only when all are finite, then updates the scale.
    /// True when the step was taken.
    /// </summary>
    public bool Step(GroupOptimizer optimizer)
    {
        bool finite = UnscaleGradients(optimizer);
        if (finite) optimizer.Step();
        else SkippedSteps++;
        State = State.After(finite, options);
        return finite;
    }

    private bool UnscaleGradients(GroupOptimizer optimizer)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var inverse = (1.0 / State.Scale).ToScalar();
        Tensor? allFinite = null;
        foreach (var parameter in optimizer.Groups.SelectMany(group => group.Parameters))
        {
            if (parameter.grad is not { } grad) continue;
            grad.mul_(inverse);
            var finite = grad.isfinite().all();
            allFinite = allFinite is null ? finite : allFinite.logical_and(finite);
        }
        // One host synchronisation per step, not one per parameter.
        return allFinite is null || allFinite.item<bool>();
    }
}
