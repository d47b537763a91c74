using Dashboard.Training.Models.Onnx.Proto;
using Dashboard.Training.Models.ResNet;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.Onnx;

/// <summary>
/// Turns the initializers of a walked ONNX ResNet into a state_dict keyed like torchvision
/// (<c>conv1.weight</c>, <c>layer2.0.downsample.1.running_var</c>, …), checking each node's attributes on the way.
/// </summary>
internal static class OnnxResNetStateDict
{
    private const long StemKernel = 7;
    private const long StemStride = 2;
    private const long BlockKernel = 3;
    private const long ShortcutKernel = 1;
    private const long PoolKernel = 3;
    private const long PoolStride = 2;

    /// <summary>ONNX BatchNormalization inputs after X, in order, and the torch names for them.</summary>
    private static readonly string[] BatchNormKeys = ["weight", "bias", "running_mean", "running_var"];

    public static Dictionary<string, Tensor> Build(OnnxGraph graph, OnnxResNetStructure structure)
    {
        OnnxResNetChecks.RequireMaxPool(structure.StemPool, PoolKernel, PoolStride);
        var stateDict = new Dictionary<string, Tensor>();
        AddConvBatchNorm(stateDict, graph, structure.Stem, StemKernel, StemStride, "conv1", "bn1");
        for (int stage = 0; stage < structure.Stages.Count; stage++)
            for (int index = 0; index < structure.Stages[stage].Count; index++)
            {
                var block = structure.Stages[stage][index];
                long stride = index == 0 ? ResNetLayout.FirstBlockStride(stage) : 1;
                string prefix = $"layer{stage + 1}.{index}.";
                AddConvBatchNorm(stateDict, graph, block.First, BlockKernel, stride, prefix + "conv1", prefix + "bn1");
                AddConvBatchNorm(stateDict, graph, block.Second, BlockKernel, 1, prefix + "conv2", prefix + "bn2");
                if (block.Downsample is not null)
                    AddConvBatchNorm(stateDict, graph, block.Downsample, ShortcutKernel, stride, prefix + "downsample.0", prefix + "downsample.1");
            }
        return stateDict;
    }

    private static void AddConvBatchNorm(Dictionary<string, Tensor> stateDict, OnnxGraph graph, OnnxConvBatchNorm pair,
                                         long kernel, long stride, string convKey, string batchNormKey)
    {
        OnnxResNetChecks.RequireConv(pair.Conv, kernel, stride);
        OnnxResNetChecks.RequireBatchNorm(pair.BatchNorm);
        stateDict[$"{convKey}.weight"] = OnnxTensors.ToTensor(graph.Initializer(pair.Conv.Input[1]));
        for (int i = 0; i < BatchNormKeys.Length; i++)
            stateDict[$"{batchNormKey}.{BatchNormKeys[i]}"] = ReadVector(graph, pair.BatchNorm, i + 1);
    }

    /// <summary>BatchNormalization parameters are 1-D; some exporters add unit dimensions, which are dropped.</summary>
    private static Tensor ReadVector(OnnxGraph graph, NodeProto batchNorm, int inputIndex)
    {
        var initializer = graph.Initializer(batchNorm.Input[inputIndex]);
        using var values = OnnxTensors.ToTensor(initializer);
        return values.flatten();
    }
}
