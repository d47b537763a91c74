namespace Dashboard.Training.Models.ResNet;

/// <summary>A ResNet body of a given layout and input normalisation, its weights to come from a checkpoint.</summary>
public sealed class RestoredResNet(ResNetLayout layout, InputNormalisation normalisation)
    : ResNetBackbone(layout.Architecture, layout, normalisation);
