using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>Sets which layer groups train. BatchNorm layers always stay trainable, as in fastai.</summary>
public static class LayerFreezing
{
    public static void FreezeTo(IReadOnlyList<nn.Module> groups, int frozenGroups)
    {
        if (frozenGroups < 0 || frozenGroups >= groups.Count)
            throw new ArgumentOutOfRangeException(nameof(frozenGroups), frozenGroups, $"must be between 0 and {groups.Count - 1}: the head always trains");
        for (int g = 0; g < groups.Count; g++) SetTrainable(groups[g], g >= frozenGroups);
    }

    private static void SetTrainable(nn.Module group, bool trainable)
    {
        foreach (var (_, module) in group.named_modules())
        {
            bool keep = trainable || IsBatchNorm(module);
            foreach (var (_, parameter) in module.named_parameters(recurse: false)) parameter.requires_grad = keep;
        }
        foreach (var (_, parameter) in group.named_parameters(recurse: false)) parameter.requires_grad = trainable;
    }

    public static bool IsBatchNorm(nn.Module module) =>
        module is TorchSharp.Modules.BatchNorm;
}
