using Dashboard.Training.Data.Augment;

namespace Dashboard.Training.Data;

/// <summary>
/// Tensors for a single item, for test-time augmentation (TTA) and one-off predictions:
/// the same image seen <c>copies</c> times, each with its own seeded augmentation draw.
/// </summary>
public static class ItemTensors
{
    public const int MaxCopies = 64;

    /// <summary>
    /// A batch of <paramref name="copies"/> versions of the item (n = copies): augmented with
    /// <paramref name="augmentation"/>, or all identical (validation transform) when it is <c>none</c>.
    /// The same seed gives the same tensors. Throws <see cref="DatasetException"/> if the image cannot be decoded.
    /// </summary>
    public static Batch Augmented(DataItem item, int size, AugmentationOptions augmentation, int copies, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(copies, MaxCopies);
        var preparer = new ItemPreparer(size, augmentation);
        var buffers = new BatchBuffers(preparer.FloatsPerImage);
        var images = Enumerable.Range(0, copies).Select(_ => buffers.Rent()).ToList();
        var prepared = new PreparedBatch(images, Enumerable.Repeat(item, copies).ToList(), size, buffers);
        for (var copy = 0; copy < copies; copy++)
        {
            var problem = preparer.TryPrepare(item, AugmentationSeeds.RandomFor(seed, copy), images[copy], 0);
            if (problem is null) continue;
            prepared.Release();
            throw new DatasetException(item.Name, "Image " + problem);
        }
        return prepared.ToBatch();
    }

    /// <summary>The item once, with the validation transform (resize the shorter side, centre crop).</summary>
    public static Batch Plain(DataItem item, int size) => Augmented(item, size, AugmentationOptions.None(), 1, 0);
}
