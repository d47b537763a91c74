using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Optimizers;

/// <summary>
/// An optimizer over parameter groups with one learning rate each, written so that no native call ever sees a
/// <see cref="Scalar"/> the garbage collector may finalize mid-call. TorchSharp's own optimizers (0.107) pass scalars
/// made by implicit conversion (<c>mul_(momentum)</c>, <c>add_(grad, alpha: -lr)</c>) and never dispose them; a
/// collection during the call lets the finalizer thread free the native scalar while libtorch reads it ("Expected
/// false to be true" from <c>Scalar::toFloat</c>, or heap corruption). Here every scalar is disposed explicitly after use.
/// </summary>
public abstract class GroupOptimizer : IDisposable
{
    private readonly Dictionary<Parameter, Tensor[]> state = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    protected GroupOptimizer(IReadOnlyList<ParameterGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups;
    }

    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>Clears every gradient (sets it to none, as PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Groups.SelectMany(group => group.Parameters))
            parameter.grad = null;
    }

    /// <summary>Updates every parameter that has a gradient, group by group.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var noGrad = no_grad();
        foreach (var group in Groups)
            StepGroup(group);
    }

    protected abstract void StepGroup(ParameterGroup group);

    /// <summary>The per-parameter state tensors (momentum, averages), created on the parameter's first step.</summary>
    protected Tensor[] State(Parameter parameter, Func<Tensor[]> create)
    {
        if (!state.TryGetValue(parameter, out var tensors))
        {
            tensors = create();
            foreach (var tensor in tensors) tensor.DetachFromDisposeScope();
            state[parameter] = tensors;
        }
        return tensors;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in state.Values.SelectMany(tensors => tensors)) tensor.Dispose();
        state.Clear();
        GC.SuppressFinalize(this);
    }
}
