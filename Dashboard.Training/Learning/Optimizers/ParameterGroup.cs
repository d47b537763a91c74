using TorchSharp.Modules;

namespace Dashboard.Training.Learning.Optimizers;

/// <summary>Parameters that share a learning rate (one layer group of a learner).</summary>
public sealed class ParameterGroup(IReadOnlyList<Parameter> parameters, double learningRate)
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public double LearningRate { get; set; } = learningRate;
}
