using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum and L2 weight decay, step for step as PyTorch's <c>torch.optim.SGD</c>
/// (no dampening, no Nesterov): g ← grad + wd·p; buf ← g on the first step, else momentum·buf + g; p ← p − lr·buf.
/// </summary>
public sealed class Sgd(IReadOnlyList<ParameterGroup> groups, double momentum, double weightDecay) : GroupOptimizer(groups)
{
    private const int MomentumBuffer = 0;

    protected override void StepGroup(ParameterGroup group)
    {
        using var decay = weightDecay.ToScalar();
        double groupMomentum = group.Momentum ?? momentum;
        using var keep = groupMomentum.ToScalar();
        using var descend = (-group.LearningRate).ToScalar();
        foreach (var parameter in group.Parameters)
        {
            using var step = NewDisposeScope();
            if (parameter.grad is not { } grad) continue;
            var direction = weightDecay != 0 ? grad.add(parameter, decay) : grad;
            if (groupMomentum != 0)
            {
                bool first = false;
                var buffer = State(parameter, () => { first = true; return [direction.clone()]; })[MomentumBuffer];
                if (!first) buffer.mul_(keep).add_(direction, TorchScalars.One);
                direction = buffer;
            }
            parameter.add_(direction, descend);
        }
    }
}
