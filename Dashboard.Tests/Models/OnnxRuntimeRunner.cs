using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>Runs an ONNX graph with ONNX Runtime on a float tensor, as the reference implementation.</summary>
internal static class OnnxRuntimeRunner
{
    /// <param name="model">A file path or serialized model bytes.</param>
    public static Tensor Run(object model, Tensor input)
    {
        using var session = model is byte[] bytes ? new InferenceSession(bytes) : new InferenceSession((string)model);
        var values = input.contiguous().data<float>().ToArray();
        using var inputValue = OrtValue.CreateTensorValueFromMemory(values, input.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [inputValue], [session.OutputNames[0]]);
        var result = outputs[0];
        var shape = result.GetTensorTypeAndShape().Shape;
        return torch.tensor(result.GetTensorDataAsSpan<float>().ToArray(), shape);
    }
}
