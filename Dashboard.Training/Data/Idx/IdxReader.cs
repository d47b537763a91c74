using System.Buffers.Binary;
using System.IO.Compression;

namespace Dashboard.Training.Data.Idx;

/// <summary>
/// Reads IDX files, the MNIST format: a big-endian header (magic number, then one 32-bit size per dimension)
/// followed by unsigned bytes. Gzipped files are recognised by their first two bytes and read as a stream.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;
    private const int MaxSide = 4096;

    /// <summary>The first <paramref name="limit"/> images (all when null), reading no further into the file than needed.</summary>
    public static GrayImageSet ReadImages(string path, int? limit = null)
    {
        using var stream = Open(path);
        RequireMagic(stream, path, ImagesMagic, "images");
        var (count, rows, columns) = (ReadSize(stream, path), ReadSize(stream, path), ReadSize(stream, path));
        if (rows is < 1 or > MaxSide || columns is < 1 or > MaxSide)
            throw new DatasetException(path, $"Malformed IDX header: image size {rows}×{columns}");
        count = Math.Min(count, limit ?? count);
        var pixels = ReadBytes(stream, path, (long)count * rows * columns);
        return new GrayImageSet(Path.GetFileName(path), pixels, count, rows, columns);
    }

    /// <summary>The first <paramref name="limit"/> labels (all when null).</summary>
    public static byte[] ReadLabels(string path, int? limit = null)
    {
        using var stream = Open(path);
        RequireMagic(stream, path, LabelsMagic, "labels");
        var count = ReadSize(stream, path);
        return ReadBytes(stream, path, Math.Min(count, limit ?? count));
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "IDX file not found");
        var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        var gzipped = file.Read(start) == 2 && start[0] == 0x1f && start[1] == 0x8b;
        file.Position = 0;
        return gzipped ? new GZipStream(file, CompressionMode.Decompress) : new BufferedStream(file);
    }

    private static void RequireMagic(Stream stream, string path, int expected, string kind)
    {
        var magic = ReadInt32(stream, path);
        if (magic != expected)
            throw new DatasetException(path, $"Malformed IDX header: magic 0x{magic:X8} is not 0x{expected:X8} ({kind}, unsigned bytes)");
    }

    private static int ReadSize(Stream stream, string path)
    {
        var size = ReadInt32(stream, path);
        return size >= 0 ? size : throw new DatasetException(path, $"Malformed IDX header: negative size {size}");
    }

    private static int ReadInt32(Stream stream, string path)
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(stream, path, bytes);
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    private static byte[] ReadBytes(Stream stream, string path, long count)
    {
        if (count > Array.MaxLength) throw new DatasetException(path, $"IDX data too large ({count} bytes)");
        var bytes = new byte[count];
        ReadExactly(stream, path, bytes);
        return bytes;
    }

    private static void ReadExactly(Stream stream, string path, Span<byte> buffer)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException e) { throw new DatasetException(path, "IDX file is truncated", e); }
        catch (InvalidDataException e) { throw new DatasetException(path, "IDX file is not valid gzip data", e); }
    }
}
