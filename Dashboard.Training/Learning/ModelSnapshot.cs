using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>A copy of every parameter and buffer of a module, restorable bit for bit.</summary>
public sealed class ModelSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> copies;

    private ModelSnapshot(Dictionary<string, Tensor> copies) => this.copies = copies;

    public static ModelSnapshot Take(nn.Module module)
    {
        using var _ = no_grad();
        var copies = module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone().DetachFromDisposeScope());
        return new ModelSnapshot(copies);
    }

    public void Restore(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (name, tensor) in module.state_dict()) tensor.copy_(copies[name]);
    }

    public void Dispose()
    {
        foreach (var tensor in copies.Values) tensor.Dispose();
    }
}
