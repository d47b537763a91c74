using System.Runtime.InteropServices;
using Dashboard.Training.Models.Onnx.Proto;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.Onnx;

/// <summary>Reads float initializers, whichever of the two ONNX encodings the exporter chose.</summary>
internal static class OnnxTensors
{
    /// <summary>TensorProto.DataType for 32-bit floats in the ONNX specification.</summary>
    private const int FloatDataType = 1;

    public static long[] Shape(TensorProto tensor) => tensor.Dims.ToArray();

    /// <summary>The values, from <c>float_data</c> (CNTK's choice) or little-endian <c>raw_data</c>.</summary>
    public static float[] ToFloats(TensorProto tensor)
    {
        if (tensor.DataType != FloatDataType)
            throw new NotSupportedException($"ONNX tensor '{tensor.Name}' has data type {tensor.DataType}; only float32 ({FloatDataType}) is read.");
        var values = tensor.RawData.IsEmpty
            ? tensor.FloatData.ToArray()
            : FromLittleEndian(tensor.RawData.Span);
        long expected = tensor.Dims.Aggregate(1L, (product, dim) => product * dim);
        return values.Length == expected
            ? values
            : throw new InvalidDataException($"ONNX tensor '{tensor.Name}' holds {values.Length} values; its shape needs {expected}.");
    }

    public static Tensor ToTensor(TensorProto tensor) => torch.tensor(ToFloats(tensor), Shape(tensor));

    private static float[] FromLittleEndian(ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
