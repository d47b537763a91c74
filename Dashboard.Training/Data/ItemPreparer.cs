using Dashboard.Training.Data.Augment;
using SixLabors.ImageSharp;

namespace Dashboard.Training.Data;

/// <summary>Decodes one item, applies the training or validation transform and packs it as CHW floats; disposes every image.</summary>
public sealed class ItemPreparer
{
    /// <summary>ImageSharp running each operation on one thread: the loader parallelises across images instead.</summary>
    private static readonly Configuration SingleThreaded = CreateSingleThreaded();

    private readonly int size;
    private readonly AugmentationOptions augmentation;

    public ItemPreparer(int size, AugmentationOptions augmentation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        augmentation.Validate();
        (this.size, this.augmentation) = (size, augmentation);
    }

    public int FloatsPerImage => PixelPacking.FloatsPerImage(size, size);

    /// <summary>Writes the item at <paramref name="offset"/>; returns null, or why the image could not be decoded.</summary>
    public string? TryPrepare(DataItem item, Random random, float[] buffer, int offset)
    {
        try
        {
            using var image = item.Source.Load(SingleThreaded);
            ImageTransforms.Apply(image, augmentation, size, random);
            PixelPacking.CopyChw(image, buffer, offset);
            return null;
        }
        catch (Exception e) when (e is ImageFormatException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return "cannot be decoded: " + e.Message;
        }
    }

    private static Configuration CreateSingleThreaded()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        return configuration;
    }
}
