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
        return IsSafetensors(path)
            ? ReadWithLibrary(path, "safetensors", () => Safetensors.LoadStateDict(path))
            : ToStateDict(ReadWithLibrary(path, "torch.save (zip format, PyTorch ≥ 1.6)", () => PyTorchUnpickler.UnpickleStateDict(path)), path);
    }

    /// <summary>PyBridge reports a damaged or legacy file with assorted exception types; give one that names the file.</summary>
    private static T ReadWithLibrary<T>(string path, string format, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"Could not read '{path}' as a {format} state_dict: {error.Message}", error);
        }
    }

    private static bool IsSafetensors(string path) =>
        string.Equals(Path.GetExtension(path), SafetensorsExtension, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, Tensor> ToStateDict(System.Collections.Hashtable table, string path)
    {
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
