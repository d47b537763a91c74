using Dashboard.Training.Models.Onnx.Proto;
using Google.Protobuf;

namespace Dashboard.Tests.Models;

/// <summary>
/// Rewrites the CNTK ResNet-18 graph so ONNX Runtime can serve as a reference at any input size:
/// drop the final fixed 7×7 AveragePool, output the feature map before it, and make N, H, W symbolic.
/// </summary>
internal static class OnnxGraphEdits
{
    private static readonly string[] SymbolicDimensions = ["N", "C", "H", "W"];

    public static byte[] FeatureMapModel(string modelPath)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var graph = model.Graph;
        var pool = graph.Node.Single(node => node.OpType == "AveragePool");
        graph.Node.Remove(pool);
        graph.ValueInfo.Clear(); // the exporter's intermediate shapes are the 224×224 ones
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto { Name = pool.Input[0], Type = SymbolicFloatTensor(keepChannels: null) });
        var input = graph.Input.Single(value => graph.Initializer.All(tensor => tensor.Name != value.Name));
        input.Type = SymbolicFloatTensor(keepChannels: 3);
        return model.ToByteArray();
    }

    private static TypeProto SymbolicFloatTensor(long? keepChannels)
    {
        var shape = new TensorShapeProto();
        foreach (var name in SymbolicDimensions)
            shape.Dim.Add(name == "C" && keepChannels is long channels
                ? new TensorShapeProto.Types.Dimension { DimValue = channels }
                : new TensorShapeProto.Types.Dimension { DimParam = name });
        const int onnxFloat = 1;
        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = onnxFloat, Shape = shape } };
    }
}
