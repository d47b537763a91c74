using System.Collections.Concurrent;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Training.Data;

/// <summary>
/// Prepares one batch's items, each into a reused pixel buffer, through a <see cref="BatchWork"/> that any number of
/// threads may help with. Each item's random draw comes from (seed, epoch, item index), so results never depend on
/// thread timing. Items that fail to decode are left out of the batch and recorded; a batch of which no item can be
/// read fails with a <see cref="DatasetException"/> (the dataset was moved or deleted during the run, or a disk failed).
/// </summary>
internal sealed class BatchAssembler(IReadOnlyList<DataItem> items, LoaderOptions options, ConcurrentQueue<SkippedFile> failures)
{
    private readonly ItemPreparer preparer = new(options.Size, options.Augmentation, options.MaxPixels, options.ResizeCache);
    private readonly BatchBuffers buffers = new(PixelPacking.FloatsPerImage(options.Size, options.Size));

    /// <summary>The batch's work: help it until it is finished, then <see cref="Finish"/> it.</summary>
    public BatchWork Start(ArraySegment<int> indices, int epoch) =>
        new(indices, buffers, (index, buffer) => preparer.TryPrepare(items[index], AugmentationSeeds.RandomFor(options.Seed, epoch, index), buffer, 0));

    /// <summary>The batch of the finished <paramref name="work"/>'s items that decoded; records the others.</summary>
    public PreparedBatch Finish(BatchWork work)
    {
        var indices = work.Indices;
        var (pixels, problems) = work.Results();
        for (var slot = 0; slot < indices.Count; slot++)
        {
            if (problems[slot] is { } problem) failures.Enqueue(new SkippedFile(items[indices[slot]].Name, problem));
        }
        if (indices.Count > 0 && problems.All(problem => problem is not null))
            throw new DatasetException(items[indices[0]].Name,
                $"none of the {indices.Count} images of a batch could be read (was the dataset moved or deleted during the run?); the first {problems[0]}");
        var kept = Enumerable.Range(0, indices.Count).Where(slot => pixels[slot] is not null).ToList();
        return new PreparedBatch(kept.Select(slot => pixels[slot]!).ToList(), kept.Select(slot => items[indices[slot]]).ToList(), options.Size, buffers);
    }
}
