using TorchSharp.Modules;

namespace Dashboard.Training.Learning.Optimizers;

/// <summary>Parameters that share a learning rate (one layer group of a learner).</summary>
public sealed class ParameterGroup(IReadOnlyList<Parameter> parameters, double learningRate)
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public double LearningRate { get; set; } = learningRate;

    /// <summary>Momentum (SGD) or β1 (Adam) set by a schedule that cycles it; null keeps the optimizer's own.</summary>
    public double? Momentum { get; set; }
}
