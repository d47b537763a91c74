using Dashboard.Training.Models.Onnx.Proto;

namespace Dashboard.Training.Models.Onnx;

/// <summary>
/// Reads the mean image of ML.NET's <c>ResNetPreprocess.onnx</c> (Split RGB → Concat as BGR → Sub MeanImage,
/// a 1×3×224×224 initializer) and reduces it to one mean per channel, so the subtraction works at any input size.
/// For the ResNet18 package 0.23.1 this gives B≈103.06, G≈115.90, R≈123.15 (pixel values in 0–255).
/// </summary>
internal static class OnnxMeanImage
{
    private const string SubtractOp = "Sub";
    private const string SplitOp = "Split";
    private const string ConcatOp = "Concat";
    private const int Channels = 3;

    /// <summary>Per-channel means in the order the subtraction sees them (BGR).</summary>
    public static float[] ReadBgrChannelMeans(string preprocessModelPath)
    {
        var graph = OnnxModelFile.Read(preprocessModelPath).Graph;
        var subtract = graph.Node.SingleOrDefault(node => node.OpType == SubtractOp)
            ?? throw new InvalidDataException($"'{preprocessModelPath}': expected one {SubtractOp} node (input minus mean image).");
        RequireChannelReversal(graph, subtract.Input[0], preprocessModelPath);
        var meanImage = graph.Initializer.SingleOrDefault(tensor => tensor.Name == subtract.Input[1])
            ?? throw new InvalidDataException($"'{preprocessModelPath}': the mean image '{subtract.Input[1]}' is not an initializer.");
        return ChannelMeans(meanImage, preprocessModelPath);
    }

    private static void RequireChannelReversal(GraphProto graph, string subtractedTensor, string path)
    {
        var concat = graph.Node.SingleOrDefault(node => node.OpType == ConcatOp && node.Output.Contains(subtractedTensor));
        var split = graph.Node.SingleOrDefault(node => node.OpType == SplitOp);
        if (concat is null || split is null || !concat.Input.SequenceEqual(split.Output.Reverse()))
            throw new InvalidDataException($"'{path}': expected the input's channels split and concatenated in reverse (RGB → BGR).");
    }

    private static float[] ChannelMeans(TensorProto meanImage, string path)
    {
        var dims = meanImage.Dims.ToArray();
        int channelAxis = dims.Length - Channels; // (C, H, W) or (1, C, H, W)
        if (dims.Length < Channels || dims[channelAxis] != Channels)
            throw new InvalidDataException($"'{path}': mean image shape ({string.Join(", ", dims)}) is not (…, 3, H, W).");
        var values = OnnxTensors.ToFloats(meanImage);
        int perChannel = values.Length / Channels;
        return Enumerable.Range(0, Channels)
            .Select(channel => (float)values.Skip(channel * perChannel).Take(perChannel).Average(value => (double)value))
            .ToArray();
    }
}
