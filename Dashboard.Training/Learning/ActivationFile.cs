using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>Reads and writes a list of tensors to one file, atomically (temporary file in the same folder, then rename).</summary>
public static class ActivationFile
{
    public static void Write(string path, IReadOnlyList<Tensor> tensors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(tensors.Count);
            foreach (var tensor in tensors) tensor.Save(writer);
        });
    }

    public static Tensor[] Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var tensors = new Tensor[reader.ReadInt32()];
        for (int i = 0; i < tensors.Length; i++) tensors[i] = Tensor.Load(reader);
        return tensors;
    }
}
