namespace Dashboard.Training.Data;

/// <summary>Which items go in which batch in one epoch: a pure function of (count, options, epoch).</summary>
public static class EpochOrder
{
    /// <summary>Item indices in visiting order: shuffled by (seed, epoch) when asked, else 0..count-1.</summary>
    public static int[] Indices(int count, bool shuffle, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        if (shuffle) Augment.AugmentationSeeds.RandomFor(seed, epoch).Shuffle(order);
        return order;
    }

    /// <summary>The order cut into batches; the last one may be smaller unless <paramref name="dropLast"/>.</summary>
    public static IReadOnlyList<ArraySegment<int>> Batches(int[] order, int batchSize, bool dropLast)
    {
        var batches = new List<ArraySegment<int>>();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var length = Math.Min(batchSize, order.Length - start);
            if (length < batchSize && dropLast) break;
            batches.Add(new ArraySegment<int>(order, start, length));
        }
        return batches;
    }

    public static int BatchCount(int count, int batchSize, bool dropLast) =>
        dropLast ? count / batchSize : (count + batchSize - 1) / batchSize;
}
