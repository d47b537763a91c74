using SkiaSharp;

namespace Dashboard.Training.Data.Augment;

/// <summary>Augmented versions of one image as PNG bytes: the dashboard's thumbnails of what the model sees.</summary>
public static class AugmentationPreview
{
    public const int MaxCount = 32;
    public const int MinThumbSize = 8;
    public const int MaxThumbSize = 512;

    /// <summary>
    /// <paramref name="count"/> (1..<see cref="MaxCount"/>) augmented copies of the item, each
    /// <paramref name="thumbSize"/> pixels square (<see cref="MinThumbSize"/>..<see cref="MaxThumbSize"/>);
    /// the same seed gives the same bytes.
    /// </summary>
    public static IReadOnlyList<byte[]> Pngs(ImageSource source, AugmentationOptions options, int count, int thumbSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(thumbSize, MinThumbSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(thumbSize, MaxThumbSize);
        options.Validate();
        using var image = source.Load(ImageTransforms.SourceShorterSide(thumbSize, options));
        return Enumerable.Range(0, count).Select(i => Png(image, options, thumbSize, AugmentationSeeds.RandomFor(seed, i))).ToList();
    }

    private static byte[] Png(SKBitmap image, AugmentationOptions options, int thumbSize, Random random)
    {
        using var thumb = ImageTransforms.Apply(image, options, thumbSize, random);
        return PngEncoding.Encode(thumb);
    }
}
