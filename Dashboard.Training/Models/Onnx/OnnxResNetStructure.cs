using Dashboard.Training.Models.Onnx.Proto;
using Dashboard.Training.Models.ResNet;

namespace Dashboard.Training.Models.Onnx;

/// <summary>A convolution and the BatchNormalization that follows it.</summary>
internal sealed record OnnxConvBatchNorm(NodeProto Conv, NodeProto BatchNorm);

/// <summary>The nodes of one basic residual block; <see cref="Downsample"/> is null for an identity shortcut.</summary>
internal sealed record OnnxResidualBlock(OnnxConvBatchNorm First, OnnxConvBatchNorm Second, OnnxConvBatchNorm? Downsample);

/// <summary>A ResNet found in an ONNX graph: the stem and the residual blocks grouped into stages.</summary>
internal sealed record OnnxResNetStructure(OnnxConvBatchNorm Stem, NodeProto StemPool, IReadOnlyList<IReadOnlyList<OnnxResidualBlock>> Stages)
{
    /// <summary>The layout to build in TorchSharp: the block counts are read from the graph, not assumed.</summary>
    public ResNetLayout ToLayout(string architecture) =>
        new(architecture, ResNetBlockKind.Basic, Stages.Select(stage => stage.Count).ToList());
}
