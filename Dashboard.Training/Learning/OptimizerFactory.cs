using Dashboard.Training.Learning.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>
/// Builds an optimizer with one parameter group per layer group, holding only the parameters that currently train,
/// so frozen weights are never touched (not even by weight decay). Built fresh for every fit, as fastai 0.7 does.
/// </summary>
public static class OptimizerFactory
{
    private const double InitialLearningRate = 1e-3;

    public sealed record Built(GroupOptimizer Optimizer, IReadOnlyList<int> LayerGroupOfParamGroup) : IDisposable
    {
        public IReadOnlyList<ParameterGroup> Groups => Optimizer.Groups;

        public void Dispose() => Optimizer.Dispose();
    }

    public static Built Create(IReadOnlyList<nn.Module> layerGroups, LearnerOptions options)
    {
        var groups = new List<ParameterGroup>();
        var layerOf = new List<int>();
        for (int g = 0; g < layerGroups.Count; g++)
        {
            Parameter[] trainable = layerGroups[g].parameters().Where(p => p.requires_grad).ToArray();
            if (trainable.Length == 0) continue;
            groups.Add(new ParameterGroup(trainable, InitialLearningRate));
            layerOf.Add(g);
        }
        GroupOptimizer optimizer = options.Optimizer == OptimizerKind.Adam
            ? new Optimizers.Adam(groups, options.AdamBeta1, options.AdamBeta2, options.WeightDecay)
            : new Optimizers.Sgd(groups, options.Momentum, options.WeightDecay);
        return new Built(optimizer, layerOf);
    }
}
