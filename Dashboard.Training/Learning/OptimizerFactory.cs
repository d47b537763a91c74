using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>
/// Builds an optimizer with one parameter group per layer group, holding only the parameters that currently train,
/// so frozen weights are never touched (not even by weight decay). Rebuilt, with fresh state, whenever freezing changes.
/// </summary>
public static class OptimizerFactory
{
    public sealed record Built(optim.Optimizer Optimizer, IReadOnlyList<optim.ILearningRateController> Groups, IReadOnlyList<int> LayerGroupOfParamGroup);

    public static Built Create(IReadOnlyList<nn.Module> layerGroups, LearnerOptions options)
    {
        var parameterLists = new List<Parameter[]>();
        var layerOf = new List<int>();
        for (int g = 0; g < layerGroups.Count; g++)
        {
            var trainable = layerGroups[g].parameters().Where(p => p.requires_grad).ToArray();
            if (trainable.Length == 0) continue;
            parameterLists.Add(trainable);
            layerOf.Add(g);
        }
        var optimizer = options.Optimizer == OptimizerKind.Adam ? CreateAdam(parameterLists, options) : CreateSgd(parameterLists, options);
        var groups = ((OptimizerHelper)optimizer).ParamGroups.ToArray();
        return new Built(optimizer, groups, layerOf);
    }

    private static optim.Optimizer CreateSgd(List<Parameter[]> lists, LearnerOptions o) =>
        optim.SGD(lists.Select(p => new SGD.ParamGroup(p, lr: 1e-3, momentum: o.Momentum, weight_decay: o.WeightDecay)).ToArray(),
            1e-3, o.Momentum, weight_decay: o.WeightDecay);

    private static optim.Optimizer CreateAdam(List<Parameter[]> lists, LearnerOptions o) =>
        optim.Adam(lists.Select(p => new Adam.ParamGroup(p, lr: 1e-3, beta1: o.AdamBeta1, beta2: o.AdamBeta2, weight_decay: o.WeightDecay)).ToArray(),
            1e-3, o.AdamBeta1, o.AdamBeta2, weight_decay: o.WeightDecay);
}
