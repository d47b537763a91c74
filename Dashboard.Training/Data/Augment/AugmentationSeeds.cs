namespace Dashboard.Training.Data.Augment;

/// <summary>
/// Derives independent, reproducible seeds from a few integers (run seed, epoch, position…), so every item's
/// random draw depends only on where it is, never on which thread handled it or in which order.
/// </summary>
public static class AugmentationSeeds
{
    public static int Mix(params ReadOnlySpan<int> parts)
    {
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var part in parts) state = SplitMix(state ^ (uint)part);
        return (int)(state >> 33);
    }

    public static Random RandomFor(params ReadOnlySpan<int> parts) => new(Mix(parts));

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
