using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>
/// Which layer groups train, as fastai 0.7's <c>freeze_to</c>: every parameter of a frozen group is frozen, BatchNorm
/// included. <c>trainFrozenBatchNorm</c> is fastai v2's <c>train_bn</c>: BatchNorm parameters of frozen groups keep training.
/// </summary>
public static class LayerFreezing
{
    public static void FreezeTo(IReadOnlyList<nn.Module> groups, int frozenGroups, bool trainFrozenBatchNorm)
    {
        if (frozenGroups < 0 || frozenGroups >= groups.Count)
            throw new ArgumentOutOfRangeException(nameof(frozenGroups), frozenGroups, $"must be between 0 and {groups.Count - 1}: the head always trains");
        for (int g = 0; g < groups.Count; g++) SetTrainable(groups[g], g >= frozenGroups, trainFrozenBatchNorm);
    }

    /// <summary>Puts every BatchNorm layer of the group in eval mode: its running statistics stop changing.</summary>
    public static void BatchNormToEval(nn.Module group)
    {
        foreach (var (_, module) in group.named_modules())
            if (IsBatchNorm(module)) module.eval();
    }

    public static bool HasBatchNorm(nn.Module module) => module.named_modules().Any(m => IsBatchNorm(m.module));

    public static bool IsBatchNorm(nn.Module module) => module is TorchSharp.Modules.BatchNorm;

    private static void SetTrainable(nn.Module group, bool trainable, bool trainBatchNorm)
    {
        foreach (var (_, module) in group.named_modules())
        {
            bool train = trainable || (trainBatchNorm && IsBatchNorm(module));
            foreach (var (_, parameter) in module.named_parameters(recurse: false)) parameter.requires_grad = train;
        }
    }
}
