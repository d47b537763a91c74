using System.Collections.Concurrent;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Training.Data;

/// <summary>
/// Prepares one batch's items into a reused buffer, through a <see cref="BatchWork"/> that any number of threads may help
/// with. Each item's random draw comes from (seed, epoch, item index), so results never depend on thread timing. Items
/// that fail to decode are left out of the batch and recorded; a batch of which no item can be read fails with a
/// <see cref="DatasetException"/> (the dataset was moved or deleted during the run, or a disk failed).
/// </summary>
internal sealed class BatchAssembler(IReadOnlyList<DataItem> items, LoaderOptions options, ConcurrentQueue<SkippedFile> failures)
{
    private readonly ItemPreparer preparer = new(options.Size, options.Augmentation, options.MaxPixels, options.ResizeCache);
    private readonly BatchBuffers buffers = new(options.BatchSize * PixelPacking.FloatsPerImage(options.Size, options.Size));

    /// <summary>The batch's work, its buffer rented: help it, then <see cref="Finish"/> it.</summary>
    public BatchWork Start(ArraySegment<int> indices, int epoch)
    {
        var buffer = buffers.Rent();
        return new BatchWork(indices, buffer, (index, slot) => Prepare(index, epoch, buffer, slot * preparer.FloatsPerImage));
    }

    /// <summary>Waits for every item of <paramref name="work"/> and makes the batch of those that decoded; the buffer goes back on failure.</summary>
    public PreparedBatch Finish(BatchWork work, CancellationToken cancellation)
    {
        var indices = work.Indices;
        try
        {
            var problems = work.WaitForAll(cancellation);
            if (indices.Count > 0 && problems.All(problem => problem is not null))
                throw new DatasetException(items[indices[0]].Name,
                    $"none of the {indices.Count} images of a batch could be read (was the dataset moved or deleted during the run?); the first {problems[0]}");
            var decoded = problems.Select(problem => problem is null).ToArray();
            return new PreparedBatch(work.Buffer, Compact(work.Buffer, indices, decoded, preparer.FloatsPerImage), options.Size, buffers);
        }
        catch
        {
            buffers.Return(work.Buffer);
            throw;
        }
    }

    /// <summary>Decodes one item into its slot; returns null, or why it could not be decoded (also recorded).</summary>
    private string? Prepare(int index, int epoch, float[] buffer, int offset)
    {
        var random = AugmentationSeeds.RandomFor(options.Seed, epoch, index);
        var problem = preparer.TryPrepare(items[index], random, buffer, offset);
        if (problem is not null) failures.Enqueue(new SkippedFile(items[index].Name, problem));
        return problem;
    }

    /// <summary>Moves the decoded slots to the front, in order; returns their items.</summary>
    private List<DataItem> Compact(float[] buffer, ArraySegment<int> indices, bool[] decoded, int floats)
    {
        var kept = new List<DataItem>(indices.Count);
        for (var slot = 0; slot < indices.Count; slot++)
        {
            if (!decoded[slot]) continue;
            if (kept.Count != slot) Array.Copy(buffer, slot * floats, buffer, kept.Count * floats, floats);
            kept.Add(items[indices[slot]]);
        }
        return kept;
    }
}
