using System.Buffers.Binary;
using System.IO.Compression;

namespace Dashboard.Tests.Data;

/// <summary>Writes small MNIST-style IDX files: image i of split s has every pixel = 10·i + s, label = i mod classes.</summary>
public static class IdxTestFiles
{
    public const int Side = 4;

    public static void WriteFolder(string folder, int trainCount, int testCount, int classes, bool gzip)
    {
        WriteSplit(folder, "train", trainCount, classes, gzip, splitValue: 0);
        WriteSplit(folder, "t10k", testCount, classes, gzip, splitValue: 1);
    }

    public static byte PixelOf(int index, int splitValue) => (byte)(10 * index + splitValue);

    private static void WriteSplit(string folder, string prefix, int count, int classes, bool gzip, int splitValue)
    {
        var suffix = gzip ? ".gz" : "";
        var pixels = Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat(PixelOf(i, splitValue), Side * Side)).ToArray();
        Write(Path.Combine(folder, $"{prefix}-images-idx3-ubyte{suffix}"), gzip, [0x803, count, Side, Side], pixels);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % classes)).ToArray();
        Write(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte{suffix}"), gzip, [0x801, count], labels);
    }

    public static void Write(string path, bool gzip, int[] header, byte[] data)
    {
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> word = stackalloc byte[4];
        foreach (var value in header)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, value);
            stream.Write(word);
        }
        stream.Write(data);
    }
}
