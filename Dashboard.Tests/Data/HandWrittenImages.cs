using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Dashboard.Tests.Data;

/// <summary>Image files written byte by byte, for what SkiaSharp's encoders cannot make: huge headers, EXIF, GIF.</summary>
public static class HandWrittenImages
{
    /// <summary>A valid PNG whose header announces <paramref name="width"/>×<paramref name="height"/> RGB pixels, with a few bytes of pixel data.</summary>
    public static string PngHeader(string path, int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2); // 8 bits per channel, RGB
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", Zlib(new byte[64]));
        WriteChunk(file, "IEND", []);
        return path;
    }

    /// <summary>The JPEG with an EXIF (APP1) segment right after its start marker saying orientation <paramref name="orientation"/> (1..8).</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at offset 8
            0, 1,                                    // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,            // tag 0x0112 Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,                              // no next IFD
        ];
        var payload = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>
    /// A GIF89a of <paramref name="side"/>² pixels with one frame per entry of <paramref name="frames"/>, each frame filled with
    /// that index into a 4-colour table (black, red, blue, white).
    /// </summary>
    public static string Gif(string path, int side, params byte[] frames)
    {
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes("GIF89a"));
        WriteShorts(file, side, side);
        file.Write([0x91, 0, 0]); // global table of 4 colours, background 0, square pixels
        file.Write([0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
        foreach (var index in frames)
        {
            file.Write([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // graphic control: no disposal, 0.1 s, no transparency
            file.WriteByte(0x2C);
            WriteShorts(file, 0, 0, side, side);
            file.WriteByte(0);
            file.WriteByte(2); // LZW minimum code size
            var data = SolidLzw(index, side * side);
            for (var at = 0; at < data.Length; at += 255)
            {
                var block = data.AsSpan(at, Math.Min(255, data.Length - at));
                file.WriteByte((byte)block.Length);
                file.Write(block);
            }
            file.WriteByte(0);
        }
        file.WriteByte(0x3B);
        return path;
    }

    /// <summary>
    /// LZW codes for <paramref name="count"/> pixels of one index: a clear code before every two pixels keeps every code
    /// 3 bits wide (the table never grows past 7 entries), packed least significant bit first.
    /// </summary>
    private static byte[] SolidLzw(byte index, int count)
    {
        const int Clear = 4, End = 5, Bits = 3;
        var codes = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0) codes.Add(Clear);
            codes.Add(index);
        }
        codes.Add(End);
        var bytes = new byte[(codes.Count * Bits + 7) / 8];
        for (var c = 0; c < codes.Count; c++)
            for (var b = 0; b < Bits; b++)
                if ((codes[c] >> b & 1) == 1) bytes[(c * Bits + b) / 8] |= (byte)(1 << ((c * Bits + b) % 8));
        return bytes;
    }

    private static void WriteShorts(Stream stream, params int[] values)
    {
        foreach (var value in values) stream.Write([(byte)value, (byte)(value >> 8)]);
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        stream.Write(length);
        stream.Write(typeBytes);
        stream.Write(data);
        stream.Write(crc);
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest)) zlib.Write(data);
        return output.ToArray();
    }

    /// <summary>PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
