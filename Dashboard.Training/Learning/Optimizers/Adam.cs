using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Optimizers;

/// <summary>
/// Adam with L2 weight decay, step for step as PyTorch's <c>torch.optim.Adam</c> (not AMSGrad): g ← grad + wd·p;
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
/// </summary>
public sealed class Adam(IReadOnlyList<ParameterGroup> groups, double beta1, double beta2, double weightDecay, double epsilon = 1e-8)
    : GroupOptimizer(groups)
{
    private const int FirstMoment = 0;
    private const int SecondMoment = 1;

    private readonly Dictionary<ParameterGroup, long> steps = new(ReferenceEqualityComparer.Instance);

    protected override void StepGroup(ParameterGroup group)
    {
        long t = steps[group] = steps.GetValueOrDefault(group) + 1;
        double groupBeta1 = group.Momentum ?? beta1;
        double correction1 = 1 - Math.Pow(groupBeta1, t);
        double correction2 = 1 - Math.Pow(beta2, t);
        using var decay = weightDecay.ToScalar();
        using var keep1 = groupBeta1.ToScalar();
        using var take1 = (1 - groupBeta1).ToScalar();
        using var keep2 = beta2.ToScalar();
        using var take2 = (1 - beta2).ToScalar();
        using var unbias2 = Math.Sqrt(correction2).ToScalar();
        using var eps = epsilon.ToScalar();
        using var descend = (-group.LearningRate / correction1).ToScalar();
        foreach (var parameter in group.Parameters)
        {
            using var step = NewDisposeScope();
            if (parameter.grad is not { } grad) continue;
            var direction = weightDecay != 0 ? grad.add(parameter, decay) : grad;
            var moments = State(parameter, () => [zeros_like(parameter), zeros_like(parameter)]);
            moments[FirstMoment].mul_(keep1).add_(direction, take1);
            moments[SecondMoment].mul_(keep2).addcmul_(direction, direction, take2);
            var denominator = moments[SecondMoment].sqrt().div_(unbias2).add_(eps, TorchScalars.One);
            parameter.addcdiv_(moments[FirstMoment], denominator, descend);
        }
    }
}
