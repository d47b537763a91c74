using Dashboard.Training.Models.Onnx.Proto;
using static Dashboard.Training.Models.Onnx.OnnxGraph;

namespace Dashboard.Training.Models.Onnx;

/// <summary>
/// Verifies that ONNX node attributes mean what the TorchSharp modules compute, so a weight copy cannot
/// silently produce a different network. Padding: ONNX <c>pads</c> are [top, left, bottom, right]; the start
/// pads must equal kernel/2 like torchvision's symmetric padding. The end pads may be one smaller on stride-2
/// nodes (CNTK writes [1, 1, 0, 0] and [3, 3, 2, 2]): that only drops a last window that torch keeps on odd sizes.
/// </summary>
internal static class OnnxResNetChecks
{
    /// <summary>nn.BatchNorm2d's default epsilon, which the ResNet modules use.</summary>
    public const double TorchBatchNormEpsilon = 1e-5;
    private const double EpsilonTolerance = 1e-9;
    private const int SpatialDimensions = 2;

    public static void RequireConv(NodeProto conv, long kernel, long stride)
    {
        if (conv.Input.Count != 2)
            throw Unsupported(conv, "a convolution bias (ResNet convolutions have none)");
        RequireAll(conv, "kernel_shape", kernel);
        RequireAll(conv, "strides", stride);
        RequireAllOrAbsent(conv, "dilations", 1);
        if ((Int(conv, "group") ?? 1) != 1)
            throw Unsupported(conv, $"group={Int(conv, "group")}");
        RequirePadding(conv, kernel);
    }

    public static void RequireMaxPool(NodeProto pool, long kernel, long stride)
    {
        RequireAll(pool, "kernel_shape", kernel);
        RequireAll(pool, "strides", stride);
        RequirePadding(pool, kernel);
    }

    public static void RequireBatchNorm(NodeProto batchNorm)
    {
        double epsilon = Float(batchNorm, "epsilon") ?? TorchBatchNormEpsilon;
        if (Math.Abs(epsilon - TorchBatchNormEpsilon) > EpsilonTolerance)
            throw Unsupported(batchNorm, $"epsilon={epsilon} (the modules use {TorchBatchNormEpsilon})");
        if ((Int(batchNorm, "spatial") ?? 1) != 1)
            throw Unsupported(batchNorm, "per-activation (spatial=0) statistics");
    }

    private static void RequirePadding(NodeProto node, long kernel)
    {
        string autoPad = Text(node, "auto_pad") ?? "";
        if (autoPad is not ("" or "NOTSET"))
            throw Unsupported(node, $"auto_pad={autoPad}");
        var pads = Ints(node, "pads");
        long start = kernel / 2;
        bool fits = pads.Count == 2 * SpatialDimensions
                    && pads.Take(SpatialDimensions).All(pad => pad == start)
                    && pads.Skip(SpatialDimensions).All(pad => pad == start || pad == start - 1);
        if (!fits)
            throw Unsupported(node, $"pads=[{string.Join(", ", pads)}] (expected {start} before, {start} or {start - 1} after)");
    }

    private static void RequireAll(NodeProto node, string attribute, long expected)
    {
        var values = Ints(node, attribute);
        if (values.Count != SpatialDimensions || values.Any(value => value != expected))
            throw Unsupported(node, $"{attribute}=[{string.Join(", ", values)}] where the ResNet layout needs {expected}");
    }

    private static void RequireAllOrAbsent(NodeProto node, string attribute, long expected)
    {
        if (Ints(node, attribute).Count > 0)
            RequireAll(node, attribute, expected);
    }

    private static InvalidDataException Unsupported(NodeProto node, string what) =>
        new($"ONNX graph: {Describe(node)} has {what}; the TorchSharp ResNet cannot reproduce it.");
}
