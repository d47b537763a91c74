using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Dashboard.Training.Models.Weights;

/// <summary>Reads a PyTorch state_dict from a <c>.pth</c>/<c>.pt</c> pickle (torch.save) or a <c>.safetensors</c> file.</summary>
public static class StateDictFiles
{
    public static readonly IReadOnlyList<string> PickleExtensions = [".pth", ".pt", ".bin"];
    public const string SafetensorsExtension = ".safetensors";

    public static bool IsSupported(string path) =>
        IsSafetensors(path) || PickleExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The tensors by key; the caller owns (and disposes) them.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Weights file not found: {Path.GetFullPath(path)}", path);
        if (!IsSupported(path))
            throw new ArgumentException(
                $"Unsupported weights file '{path}': expected {string.Join(", ", PickleExtensions)} or {SafetensorsExtension}.", nameof(path));
        return IsSafetensors(path) ? Safetensors.LoadStateDict(path) : ReadPickle(path);
    }

    private static bool IsSafetensors(string path) =>
        string.Equals(Path.GetExtension(path), SafetensorsExtension, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, Tensor> ReadPickle(string path)
    {
        var table = PyTorchUnpickler.UnpickleStateDict(path);
        var stateDict = new Dictionary<string, Tensor>(table.Count);
        foreach (System.Collections.DictionaryEntry entry in table)
        {
            if (entry.Key is string key && entry.Value is Tensor tensor)
                stateDict[key] = tensor;
            else
                throw new InvalidDataException(
                    $"'{path}' is not a plain state_dict (entry '{entry.Key}' is {entry.Value?.GetType().Name ?? "null"}); save model.state_dict(), not the model.");
        }
        return stateDict;
    }
}
