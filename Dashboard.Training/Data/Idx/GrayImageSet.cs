namespace Dashboard.Training.Data.Idx;

/// <summary>Grayscale images held in memory, one byte per pixel, row after row, image after image (as IDX stores them).</summary>
public sealed class GrayImageSet
{
    private readonly byte[] pixels;

    public GrayImageSet(string name, byte[] pixels, int count, int rows, int columns)
    {
        if (pixels.Length < (long)count * rows * columns)
            throw new ArgumentException($"{name}: {pixels.Length} bytes cannot hold {count} images of {rows}×{columns}.", nameof(pixels));
        (Name, this.pixels, Count, Rows, Columns) = (name, pixels, count, rows, columns);
    }

    /// <summary>Where the pixels came from, e.g. the IDX file name.</summary>
    public string Name { get; }

    public int Count { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The pixels of image <paramref name="index"/>, <see cref="Rows"/> × <see cref="Columns"/> bytes.</summary>
    public ReadOnlySpan<byte> Pixels(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var size = Rows * Columns;
        return pixels.AsSpan(index * size, size);
    }
}
