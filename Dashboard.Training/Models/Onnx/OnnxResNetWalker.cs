using Dashboard.Training.Models.Onnx.Proto;
using static Dashboard.Training.Models.Onnx.OnnxGraph;

namespace Dashboard.Training.Models.Onnx;

/// <summary>
/// Finds a basic-block ResNet in an ONNX graph by following tensors from the input, not by node names:
/// stem Conv → BN → Relu → MaxPool, then residual blocks (Conv → BN → Relu → Conv → BN → Add(shortcut) → Relu)
/// until no convolution reads the current tensor. A block with a projection shortcut starts a new stage.
/// </summary>
internal static class OnnxResNetWalker
{
    public const string ConvOp = "Conv";
    public const string BatchNormOp = "BatchNormalization";
    private const string ReluOp = "Relu";
    private const string AddOp = "Add";
    private const string MaxPoolOp = "MaxPool";

    public static OnnxResNetStructure Walk(OnnxGraph graph)
    {
        var stem = FollowBatchNorm(graph, graph.SingleConsumer(graph.DataInput, ConvOp));
        var stemRelu = graph.SingleConsumer(Output(stem.BatchNorm), ReluOp);
        var stemPool = graph.SingleConsumer(Output(stemRelu), MaxPoolOp);
        var stages = new List<List<OnnxResidualBlock>>();
        var current = Output(stemPool);
        while (graph.ConsumersOf(current).Any(node => node.OpType == ConvOp))
        {
            var (block, blockOutput) = WalkBlock(graph, current);
            if (stages.Count == 0 || block.Downsample is not null)
                stages.Add([]);
            stages[^1].Add(block);
            current = blockOutput;
        }
        var structure = new OnnxResNetStructure(stem, stemPool, stages);
        RequireEveryNodeMapped(graph, structure);
        return structure;
    }

    private static (OnnxResidualBlock Block, string Output) WalkBlock(OnnxGraph graph, string input)
    {
        var branches = graph.ConsumersOf(input).Where(node => node.OpType == ConvOp)
                            .Select(conv => FollowBatchNorm(graph, conv)).ToList();
        // The projection shortcut's BN feeds the Add directly; the main path's BN feeds a Relu.
        var shortcuts = branches.Where(branch => graph.ConsumersOf(Output(branch.BatchNorm)).Any(node => node.OpType == AddOp)).ToList();
        var mains = branches.Except(shortcuts).ToList();
        if (mains.Count != 1 || shortcuts.Count > 1)
            throw new InvalidDataException(
                $"ONNX graph: '{input}' does not start a basic residual block " +
                $"({mains.Count} main branch(es), {shortcuts.Count} projection shortcut(s)).");
        var relu = graph.SingleConsumer(Output(mains[0].BatchNorm), ReluOp);
        var second = FollowBatchNorm(graph, graph.SingleConsumer(Output(relu), ConvOp));
        var add = graph.SingleConsumer(Output(second.BatchNorm), AddOp);
        var downsample = shortcuts.SingleOrDefault();
        var shortcutTensor = downsample is null ? input : Output(downsample.BatchNorm);
        if (!add.Input.OrderBy(name => name).SequenceEqual(new[] { Output(second.BatchNorm), shortcutTensor }.OrderBy(name => name)))
            throw new InvalidDataException($"ONNX graph: {Describe(add)} does not add the block's shortcut '{shortcutTensor}'.");
        var blockRelu = graph.SingleConsumer(Output(add), ReluOp);
        return (new OnnxResidualBlock(mains[0], second, downsample), Output(blockRelu));
    }

    private static OnnxConvBatchNorm FollowBatchNorm(OnnxGraph graph, NodeProto conv) =>
        new(conv, graph.SingleConsumer(Output(conv), BatchNormOp));

    private static void RequireEveryNodeMapped(OnnxGraph graph, OnnxResNetStructure structure)
    {
        var mapped = structure.Stages.SelectMany(stage => stage)
            .SelectMany(block => new[] { block.First, block.Second, block.Downsample })
            .Append(structure.Stem).OfType<OnnxConvBatchNorm>()
            .SelectMany(pair => new[] { pair.Conv, pair.BatchNorm }).ToHashSet();
        var unmapped = graph.Graph.Node.Where(node => node.OpType is ConvOp or BatchNormOp && !mapped.Contains(node)).ToList();
        if (unmapped.Count > 0)
            throw new InvalidDataException(
                $"ONNX graph: {unmapped.Count} weighted node(s) outside the ResNet pattern, e.g. {Describe(unmapped[0])}.");
    }
}
