using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>
/// What a checkpoint file says about itself, stored before the weights: enough to rebuild the classifier in a fresh
/// process (fastai's <c>load_learner</c>). Files written before size and normalisation were recorded have them null.
/// </summary>
public sealed record CheckpointInfo(string Architecture, IReadOnlyList<string> Classes, int EpochsCompleted, DateTimeOffset SavedAt)
{
    /// <summary>The square input size the model was trained at.</summary>
    public int? ImageSize { get; init; }

    /// <summary>The body's blocks per stage (the bundled ONNX ResNet-18 has three blocks in its last stage, torchvision's two).</summary>
    public Models.ResNet.ResNetLayout? Layout { get; init; }

    /// <summary>How the body turns RGB in [0, 1] into what its weights expect (it is not part of the weights).</summary>
    public Models.ResNet.InputNormalisation? Normalisation { get; init; }

    /// <summary>The precision the learner computed in; the weights themselves are always fp32.</summary>
    public string? Precision { get; init; }

    /// <summary>The training augmentation, which test-time augmentation reuses (null in files from before it was recorded).</summary>
    public Data.Augment.AugmentationSetting? Augmentation { get; init; }
}

/// <summary>
/// Named weights in a models folder: one file per name holding a header (architecture, classes) and the weights,
/// written atomically, so a failed save (a full disk) leaves the previous checkpoint intact.
/// </summary>
public static partial class Checkpoints
{
    private const string Magic = "DASHCKPT1";
    public const string Extension = ".ckpt";

    public static string PathFor(string modelsFolder, string name)
    {
        if (!IsSafeName(name))
            throw new ArgumentException($"save: checkpoint name '{name}' must be 1-100 letters, digits, '_', '-' or '.', not starting with '.'.", nameof(name));
        return Path.Combine(modelsFolder, name + Extension);
    }

    public static void Save(string path, nn.Module model, CheckpointInfo info)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(info));
            model.save(writer);
        });
    }

    /// <summary>Reads the header; throws <see cref="InvalidDataException"/> naming the file when it is not a checkpoint.</summary>
    public static CheckpointInfo ReadInfo(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException($"{path} is not a checkpoint of this dashboard.");
            return JsonSerializer.Deserialize<CheckpointInfo>(reader.ReadString())
                ?? throw new InvalidDataException($"{path} has an empty checkpoint header.");
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new InvalidDataException($"{path} is not a complete checkpoint: {e.Message}", e);
        }
    }

    public static CheckpointInfo Load(string path, nn.Module model, IReadOnlyList<string> expectedClasses, string architecture)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"load: no checkpoint at {path}.", path);
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var info = ReadInfo(reader, path);
        if (info.Architecture != architecture)
            throw new InvalidOperationException($"load: {path} holds {info.Architecture} weights, this learner is {architecture}.");
        if (!info.Classes.SequenceEqual(expectedClasses))
            throw new InvalidOperationException(
                $"load: {path} was trained for classes [{string.Join(", ", info.Classes)}], this learner has [{string.Join(", ", expectedClasses)}].");
        try { model.load(reader); }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException)
        {
            throw new InvalidDataException($"{path} is not a complete checkpoint: its weights could not be read ({e.Message})", e);
        }
        return info;
    }

    /// <summary>1-100 letters, digits, '_', '-' or '.', not starting with '.': no path can hide in it.</summary>
    public static bool IsSafeName(string name) => SafeName().IsMatch(name);

    [GeneratedRegex(@"^(?!\.)[A-Za-z0-9_.\-]{1,100}$")]
    private static partial Regex SafeName();
}
