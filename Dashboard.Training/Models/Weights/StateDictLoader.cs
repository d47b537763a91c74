using static TorchSharp.torch;

namespace Dashboard.Training.Models.Weights;

/// <summary>
/// Copies a state_dict into a module with PyTorch's <c>strict=True</c> semantics, minus the keys the caller
/// chooses to ignore (e.g. a classifier head the backbone does not have). Unlike a plain <c>copy_</c>, shapes
/// must match exactly (no broadcasting), and every error names the offending key.
/// </summary>
public static class StateDictLoader
{
    private const string BatchCounterSuffix = ".num_batches_tracked";
    private const int KeysShownInErrors = 5;

    /// <param name="target">The module to fill.</param>
    /// <param name="source">Tensors by state_dict key; left undisposed.</param>
    /// <param name="sourceName">Where the tensors came from, for error messages (a file path).</param>
    /// <param name="ignoreKey">Source keys to skip silently.</param>
    public static void Load(nn.Module target, IReadOnlyDictionary<string, Tensor> source, string sourceName, Func<string, bool> ignoreKey)
    {
        var destination = target.state_dict();
        var unexpected = source.Keys.Where(key => !ignoreKey(key) && !destination.ContainsKey(key)).ToList();
        // Checkpoints older than PyTorch 0.4 have no BatchNorm batch counter; it is not needed for inference.
        var missing = destination.Keys.Where(key => !source.ContainsKey(key) && !key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal)).ToList();
        if (unexpected.Count > 0 || missing.Count > 0)
            throw new InvalidDataException(
                $"Weights in '{sourceName}' do not fit {target.GetName()}: " +
                $"{Describe("missing", missing)}{Describe("unexpected", unexpected)}".TrimEnd(' ', ';'));
        using var noGrad = no_grad();
        foreach (var (key, tensor) in destination)
            if (source.TryGetValue(key, out var value))
                CopyInto(key, tensor, value, sourceName);
    }

    private static void CopyInto(string key, Tensor destination, Tensor value, string sourceName)
    {
        if (!destination.shape.SequenceEqual(value.shape))
            throw new InvalidDataException(
                $"Weights in '{sourceName}': '{key}' has shape ({string.Join(", ", value.shape)}), " +
                $"the model expects ({string.Join(", ", destination.shape)}).");
        destination.copy_(value); // copy_ converts dtype and device, e.g. from a float16 checkpoint
    }

    private static string Describe(string kind, IReadOnlyList<string> keys) =>
        keys.Count == 0
            ? ""
            : $"{keys.Count} {kind} key(s): {string.Join(", ", keys.Take(KeysShownInErrors))}{(keys.Count > KeysShownInErrors ? ", …" : "")}; ";
}
