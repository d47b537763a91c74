namespace Dashboard.Training.Data;

/// <summary>A seeded random hold-out: the same count, fraction and seed always pick the same validation indices.</summary>
public static class ValidationSplit
{
    /// <summary>Indices 0..count-1 split in two, each part in ascending order; at least one on each side when count ≥ 2.</summary>
    public static (IReadOnlyList<int> Train, IReadOnlyList<int> Valid) Indices(int count, double validFraction, int seed)
    {
        var shuffled = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(shuffled);
        var validCount = Math.Clamp((int)Math.Round(count * validFraction), Math.Min(1, count), Math.Max(count - 1, 0));
        var valid = shuffled.Take(validCount).Order().ToList();
        var train = shuffled.Skip(validCount).Order().ToList();
        return (train, valid);
    }
}
