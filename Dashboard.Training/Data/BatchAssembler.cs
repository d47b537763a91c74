using System.Collections.Concurrent;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Training.Data;

/// <summary>
/// Decodes one batch's items in parallel (at most <see cref="LoaderOptions.DecodeThreads"/> at once) into a reused
/// buffer. Each item's random draw comes from (seed, epoch, item index), so results never depend on thread timing.
/// Items that fail to decode are left out of the batch and recorded.
/// </summary>
internal sealed class BatchAssembler(IReadOnlyList<DataItem> items, LoaderOptions options, ConcurrentQueue<SkippedFile> failures)
{
    private readonly ItemPreparer preparer = new(options.Size, options.Augmentation);
    private readonly BatchBuffers buffers = new(options.BatchSize * PixelPacking.FloatsPerImage(options.Size, options.Size));

    public PreparedBatch Assemble(ArraySegment<int> indices, int epoch, CancellationToken cancellationToken)
    {
        var floats = preparer.FloatsPerImage;
        var buffer = buffers.Rent();
        try
        {
            var decoded = new bool[indices.Count];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.DecodeThreads, CancellationToken = cancellationToken };
            Parallel.For(0, indices.Count, parallel, slot => decoded[slot] = Prepare(indices[slot], epoch, buffer, slot * floats));
            return new PreparedBatch(buffer, Compact(buffer, indices, decoded, floats), options.Size, buffers);
        }
        catch
        {
            buffers.Return(buffer);
            throw;
        }
    }

    private bool Prepare(int index, int epoch, float[] buffer, int offset)
    {
        var random = AugmentationSeeds.RandomFor(options.Seed, epoch, index);
        var problem = preparer.TryPrepare(items[index], random, buffer, offset);
        if (problem is not null) failures.Enqueue(new SkippedFile(items[index].Name, problem));
        return problem is null;
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
