using Dashboard.Training.Data.Augment;

namespace Dashboard.Training.Data;

/// <summary>
/// Decodes one item (as small as the output allows, from its <see cref="ResizeCache"/> copy when it has one), applies the training or validation transform in one affine
/// draw and packs it as CHW floats with the lighting applied on the way; disposes every bitmap. One call owns its
/// SkiaSharp objects, so calls may run on any number of threads.
/// </summary>
public sealed class ItemPreparer
{
    private readonly int size;
    private readonly AugmentationOptions augmentation;
    private readonly long maxPixels;
    private readonly ResizeCache? resizeCache;

    /// <param name="resizeCache">Keeps shrunk copies of large files; null: every read decodes the file.</param>
    public ItemPreparer(int size, AugmentationOptions augmentation, long maxPixels = LoaderOptions.DefaultMaxPixels, ResizeCache? resizeCache = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        augmentation.Validate();
        (this.size, this.augmentation, this.maxPixels, this.resizeCache) = (size, augmentation, maxPixels, resizeCache);
    }

    public int FloatsPerImage => PixelPacking.FloatsPerImage(size, size);

    /// <summary>Writes the item at <paramref name="offset"/>; returns null, or why the image could not be decoded.</summary>
    public string? TryPrepare(DataItem item, Random random, float[] buffer, int offset)
    {
        try
        {
            var needed = ImageTransforms.SourceShorterSide(size, augmentation);
            using var source = resizeCache?.Load(item.Source, needed, maxPixels) ?? item.Source.Load(needed, maxPixels);
            var parameters = AugmentationParameters.Draw(augmentation, random);
            using var image = ImageTransforms.Geometry(source, size, parameters);
            PixelPacking.CopyChw(image, buffer, offset, Lighting.TableFor(image, parameters));
            return null;
        }
        catch (ImageDecodeException e) { return e.Problem; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot be read: " + e.Message;
        }
    }
}
