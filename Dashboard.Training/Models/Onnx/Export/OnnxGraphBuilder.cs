using Dashboard.Training.Models.Onnx.Proto;
using Google.Protobuf;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.Onnx.Export;

/// <summary>
/// Appends ONNX nodes and float32 initializers to a graph, naming every value uniquely. Each <c>Add…</c> returns the
/// name of the node's output, so a network is written as the chain of calls its forward pass makes.
/// </summary>
internal sealed class OnnxGraphBuilder(GraphProto graph)
{
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private int counter;

    /// <summary>A float32 initializer with the tensor's shape and values (copied to the CPU, contiguous).</summary>
    public string Constant(string name, Tensor value)
    {
        using var cpu = value.detach().to(ScalarType.Float32).cpu().contiguous();
        var initializer = new TensorProto { Name = Unique(name), DataType = FloatType, RawData = ByteString.CopyFrom(cpu.bytes) };
        initializer.Dims.AddRange(cpu.shape);
        graph.Initializer.Add(initializer);
        return initializer.Name;
    }

    /// <summary>A float32 initializer from values, shaped <paramref name="shape"/>.</summary>
    public string Constant(string name, float[] values, params long[] shape)
    {
        using var tensor = torch.tensor(values).reshape(shape);
        return Constant(name, tensor);
    }

    /// <summary>An int64 initializer (indices, shapes).</summary>
    public string Int64Constant(string name, params long[] values)
    {
        var initializer = new TensorProto { Name = Unique(name), DataType = Int64Type };
        initializer.Dims.Add(values.Length);
        initializer.Int64Data.AddRange(values);
        graph.Initializer.Add(initializer);
        return initializer.Name;
    }

    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Unique(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(node.Name + "_out");
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>Renames the last node's output (the graph's named outputs).</summary>
    public void NameLastOutput(string name) => graph.Node[^1].Output[0] = name;

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = (int)AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, I = value, Type = (int)AttributeType.Int };

    private string Unique(string name) => $"{name}_{counter++}";

    /// <summary>ONNX's <c>AttributeProto.AttributeType</c> values used here.</summary>
    private enum AttributeType { Int = 2, Ints = 7 }
}
