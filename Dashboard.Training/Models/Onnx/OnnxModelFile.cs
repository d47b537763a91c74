using Dashboard.Training.Models.Onnx.Proto;
using Google.Protobuf;

namespace Dashboard.Training.Models.Onnx;

/// <summary>Parses an <c>.onnx</c> file with the protobuf classes generated from <c>onnx_subset.proto</c>.</summary>
internal static class OnnxModelFile
{
    public static ModelProto Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"ONNX model not found: {Path.GetFullPath(path)}", path);
        using var stream = File.OpenRead(path);
        try
        {
            var model = ModelProto.Parser.ParseFrom(stream);
            return model.Graph is null
                ? throw new InvalidDataException($"'{path}' holds no ONNX graph.")
                : model;
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX model: {error.Message}", error);
        }
    }
}
