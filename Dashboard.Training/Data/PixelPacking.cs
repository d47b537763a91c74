using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Training.Data;

/// <summary>Copies RGB pixels into a float buffer as channel planes (CHW) scaled to [0, 1], row by row.</summary>
public static class PixelPacking
{
    private const float Scale = 1f / byte.MaxValue;

    /// <summary>Floats one image takes: 3 planes of width × height.</summary>
    public static int FloatsPerImage(int width, int height) => 3 * width * height;

    /// <summary>Writes R, G and B planes of <paramref name="image"/> into <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    public static void CopyChw(Image<Rgb24> image, float[] buffer, int offset)
    {
        var (width, height) = (image.Width, image.Height);
        var plane = width * height;
        image.ProcessPixelRows(accessor =>
        {
            var red = buffer.AsSpan(offset, plane);
            var green = buffer.AsSpan(offset + plane, plane);
            var blue = buffer.AsSpan(offset + 2 * plane, plane);
            for (var y = 0; y < height; y++)
            {
                var row = accessor.GetRowSpan(y);
                var start = y * width;
                for (var x = 0; x < width; x++)
                {
                    red[start + x] = row[x].R * Scale;
                    green[start + x] = row[x].G * Scale;
                    blue[start + x] = row[x].B * Scale;
                }
            }
        });
    }
}
