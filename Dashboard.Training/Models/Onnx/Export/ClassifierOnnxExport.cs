using Dashboard.Training.Models.Onnx.Proto;
using Dashboard.Training.Models.ResNet;
using Google.Protobuf;
using static TorchSharp.torch;
using B = Dashboard.Training.Models.Onnx.Export.OnnxGraphBuilder;

namespace Dashboard.Training.Models.Onnx.Export;

/// <summary>What the exported file says about the classifier (also written into the model's metadata).</summary>
public sealed record ClassifierExportInfo(IReadOnlyList<string> Classes, int ImageSize, string Architecture);

/// <summary>
/// The whole classifier as one ONNX graph (opset 13) for inference: input <c>input</c>, float32 NCHW RGB in [0, 1] at
/// the trained size with a dynamic batch; the body's own input normalisation; the ResNet body with every BatchNorm
/// folded into its convolution; fastai's concat pooling (max, then average); the head in eval mode (dropout gone,
/// BatchNorm as a per-feature affine map); output <c>probabilities</c> (softmax). Class names, size and architecture
/// are in the metadata (<c>classes</c> as a JSON array).
/// </summary>
public static class ClassifierOnnxExport
{
    public const string InputName = "input";
    public const string OutputName = "probabilities";
    private const long Opset = 13;
    private const long IrVersion = 7; // the IR version of opset 13
    private const string BatchDimension = "batch";

    public static void Write(TransferModel model, ClassifierExportInfo info, Stream output) => Build(model, info).WriteTo(output);

    public static byte[] ToBytes(TransferModel model, ClassifierExportInfo info) => Build(model, info).ToByteArray();

    internal static ModelProto Build(TransferModel model, ClassifierExportInfo info)
    {
        if (model.Body is not ResNetBackbone body)
            throw new NotSupportedException($"ONNX export covers ResNet bodies; this model's body is {model.Body.Architecture}.");
        using var scope = NewDisposeScope();
        var graph = new GraphProto { Name = $"{info.Architecture}-classifier" };
        var builder = new B(graph);
        var bodyState = body.state_dict();
        var headState = model.Head.state_dict();

        var x = Normalise(builder, body.Normalisation, InputName);
        x = ConvolutionWithBatchNorm(builder, bodyState, "conv1", "bn1", x, stride: 2);
        x = builder.Node("Relu", "stem_relu", [x]);
        x = builder.Node("MaxPool", "stem_pool", [x], B.Ints("kernel_shape", 3, 3), B.Ints("strides", 2, 2), B.Ints("pads", 1, 1, 1, 1));
        for (int stage = 0; stage < ResNetStages.StageCount; stage++)
            for (int block = 0; block < body.Layout.BlocksPerStage[stage]; block++)
                x = Block(builder, bodyState, body.Layout.BlockKind, $"layer{stage + 1}.{block}", x, block == 0 ? ResNetLayout.FirstBlockStride(stage) : 1);
        var max = builder.Node("GlobalMaxPool", "pool_max", [x]);
        var average = builder.Node("GlobalAveragePool", "pool_avg", [x]);
        x = builder.Node("Concat", "pool_concat", [max, average], B.Int("axis", 1));
        x = builder.Node("Flatten", "pool_flatten", [x], B.Int("axis", 1));
        x = Affine(builder, headState, "bn1", x);
        x = Linear(builder, headState, "fc1", x);
        x = builder.Node("Relu", "head_relu", [x]);
        x = Affine(builder, headState, "bn2", x);
        x = Linear(builder, headState, "fc2", x);
        builder.Node("Softmax", "softmax", [x], B.Int("axis", 1));
        builder.NameLastOutput(OutputName);

        graph.Input.Add(TensorValue(InputName, BatchDimension, 3, info.ImageSize, info.ImageSize));
        graph.Output.Add(TensorValue(OutputName, BatchDimension, info.Classes.Count));
        var proto = new ModelProto { IrVersion = IrVersion, ProducerName = "Dashboard", Graph = graph, DocString = "Image classifier: RGB in [0, 1] → class probabilities." };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "classes", Value = System.Text.Json.JsonSerializer.Serialize(info.Classes) });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "image_size", Value = info.ImageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "architecture", Value = info.Architecture });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "input", Value = "float32 NCHW RGB in [0, 1]" });
        return proto;
    }

    /// <summary>The backbone's <see cref="InputNormalisation"/>: channel order, scale, mean, standard deviation.</summary>
    private static string Normalise(B builder, InputNormalisation normalisation, string input)
    {
        var x = input;
        if (normalisation.ReverseChannels)
            x = builder.Node("Gather", "rgb_to_bgr", [x, builder.Int64Constant("bgr_order", 2, 1, 0)], B.Int("axis", 1));
        x = builder.Node("Mul", "input_scale", [x, builder.Constant("scale", [normalisation.Scale], 1)]);
        x = builder.Node("Sub", "input_mean", [x, builder.Constant("mean", [.. normalisation.Mean], 1, 3, 1, 1)]);
        return builder.Node("Div", "input_std", [x, builder.Constant("std", [.. normalisation.StandardDeviation], 1, 3, 1, 1)]);
    }

    private static string Block(B builder, Dictionary<string, Tensor> state, ResNetBlockKind kind, string prefix, string input, int stride)
    {
        string main;
        if (kind == ResNetBlockKind.Basic)
        {
            main = builder.Node("Relu", prefix + ".relu1", [ConvolutionWithBatchNorm(builder, state, prefix + ".conv1", prefix + ".bn1", input, stride)]);
            main = ConvolutionWithBatchNorm(builder, state, prefix + ".conv2", prefix + ".bn2", main, stride: 1);
        }
        else
        {
            main = builder.Node("Relu", prefix + ".relu1", [ConvolutionWithBatchNorm(builder, state, prefix + ".conv1", prefix + ".bn1", input, stride: 1)]);
            main = builder.Node("Relu", prefix + ".relu2", [ConvolutionWithBatchNorm(builder, state, prefix + ".conv2", prefix + ".bn2", main, stride)]);
            main = ConvolutionWithBatchNorm(builder, state, prefix + ".conv3", prefix + ".bn3", main, stride: 1);
        }
        var shortcut = state.ContainsKey(prefix + ".downsample.0.weight")
            ? ConvolutionWithBatchNorm(builder, state, prefix + ".downsample.0", prefix + ".downsample.1", input, stride)
            : input;
        return builder.Node("Relu", prefix + ".relu_out", [builder.Node("Add", prefix + ".add", [main, shortcut])]);
    }

    /// <summary>A square convolution (padding k/2, as every ResNet convolution) with its BatchNorm folded in.</summary>
    private static string ConvolutionWithBatchNorm(B builder, Dictionary<string, Tensor> state, string convolution, string batchNorm, string input, int stride)
    {
        var (weight, bias) = BatchNormFolding.IntoConvolution(state, convolution, batchNorm);
        long kernel = weight.shape[2], pad = kernel / 2;
        return builder.Node("Conv", convolution, [input, builder.Constant(convolution + ".weight", weight), builder.Constant(convolution + ".bias", bias)],
            B.Ints("kernel_shape", kernel, kernel), B.Ints("strides", stride, stride), B.Ints("pads", pad, pad, pad, pad));
    }

    /// <summary>An eval-mode BatchNorm1d on (N, C) features: x·scale + shift.</summary>
    private static string Affine(B builder, Dictionary<string, Tensor> state, string batchNorm, string input)
    {
        var (scale, shift) = BatchNormFolding.Affine(state, batchNorm);
        var scaled = builder.Node("Mul", batchNorm + ".scale", [input, builder.Constant(batchNorm + ".scale", scale.to(ScalarType.Float32))]);
        return builder.Node("Add", batchNorm + ".shift", [scaled, builder.Constant(batchNorm + ".shift", shift.to(ScalarType.Float32))]);
    }

    /// <summary>A linear layer as ONNX Gemm: x·Wᵀ + b.</summary>
    private static string Linear(B builder, Dictionary<string, Tensor> state, string linear, string input) =>
        builder.Node("Gemm", linear, [input, builder.Constant(linear + ".weight", state[linear + ".weight"]), builder.Constant(linear + ".bias", state[linear + ".bias"])],
            B.Int("transB", 1));

    private static ValueInfoProto TensorValue(string name, string batch, params long[] dimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (var dimension in dimensions) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
