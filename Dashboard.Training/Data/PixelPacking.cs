using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>Copies RGBA pixels into a float buffer as channel planes (CHW) scaled to [0, 1], through a lookup table.</summary>
public static class PixelPacking
{
    private const float Scale = 1f / byte.MaxValue;

    /// <summary>Floats one image takes: 3 planes of width × height.</summary>
    public static int FloatsPerImage(int width, int height) => 3 * width * height;

    /// <summary>
    /// Writes R, G and B planes of <paramref name="image"/> (8-bit RGBA) into <paramref name="buffer"/> from
    /// <paramref name="offset"/>, each byte mapped through <paramref name="table"/> (256 entries; null = unchanged).
    /// </summary>
    public static void CopyChw(SKBitmap image, float[] buffer, int offset, byte[]? table = null)
    {
        if (image.ColorType != SKColorType.Rgba8888) throw new ArgumentException("expected an RGBA bitmap", nameof(image));
        Span<float> floats = stackalloc float[byte.MaxValue + 1];
        for (var v = 0; v < floats.Length; v++) floats[v] = (table is null ? v : table[v]) * Scale;
        var plane = image.Width * image.Height;
        var red = buffer.AsSpan(offset, plane);
        var green = buffer.AsSpan(offset + plane, plane);
        var blue = buffer.AsSpan(offset + 2 * plane, plane);
        ReadOnlySpan<byte> pixels = image.GetPixelSpan();
        for (var i = 0; i < plane; i++)
        {
            red[i] = floats[pixels[4 * i]];
            green[i] = floats[pixels[4 * i + 1]];
            blue[i] = floats[pixels[4 * i + 2]];
        }
    }
}
