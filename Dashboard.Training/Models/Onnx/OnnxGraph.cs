using Dashboard.Training.Models.Onnx.Proto;

namespace Dashboard.Training.Models.Onnx;

/// <summary>An ONNX graph indexed for walking: who consumes a tensor, which initializer a name refers to.</summary>
internal sealed class OnnxGraph
{
    private readonly ILookup<string, NodeProto> consumers;
    private readonly Dictionary<string, TensorProto> initializers;

    public OnnxGraph(GraphProto graph)
    {
        Graph = graph;
        consumers = graph.Node.SelectMany(node => node.Input.Distinct().Select(input => (input, node)))
                              .ToLookup(pair => pair.input, pair => pair.node);
        initializers = graph.Initializer.ToDictionary(tensor => tensor.Name);
    }

    public GraphProto Graph { get; }

    /// <summary>The graph input fed by the caller (IR 3 exporters also list initializers as inputs).</summary>
    public string DataInput =>
        Graph.Input.Select(input => input.Name).SingleOrDefault(name => !initializers.ContainsKey(name))
        ?? throw new InvalidDataException("The ONNX graph does not have exactly one data input.");

    public IEnumerable<NodeProto> ConsumersOf(string tensorName) => consumers[tensorName];

    /// <summary>The one node of <paramref name="opType"/> that reads <paramref name="tensorName"/>; an error otherwise.</summary>
    public NodeProto SingleConsumer(string tensorName, string opType)
    {
        var matches = ConsumersOf(tensorName).Where(node => node.OpType == opType).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidDataException(
                $"ONNX graph: expected one {opType} reading '{tensorName}', found {matches.Count} " +
                $"(consumers: {string.Join(", ", ConsumersOf(tensorName).Select(Describe))}).");
    }

    public TensorProto Initializer(string name) =>
        initializers.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidDataException($"ONNX graph: '{name}' is not an initializer (a computed weight is not supported).");

    public static string Output(NodeProto node) => node.Output.Single();

    public static string Describe(NodeProto node) => $"{node.OpType} '{node.Name}'";

    public static IReadOnlyList<long> Ints(NodeProto node, string attribute) =>
        node.Attribute.FirstOrDefault(candidate => candidate.Name == attribute)?.Ints.ToList() ?? [];

    public static float? Float(NodeProto node, string attribute) =>
        node.Attribute.FirstOrDefault(candidate => candidate.Name == attribute)?.F;

    public static long? Int(NodeProto node, string attribute) =>
        node.Attribute.FirstOrDefault(candidate => candidate.Name == attribute)?.I;

    public static string? Text(NodeProto node, string attribute) =>
        node.Attribute.FirstOrDefault(candidate => candidate.Name == attribute)?.S.ToStringUtf8();
}
