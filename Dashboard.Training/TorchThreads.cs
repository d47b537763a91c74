using TorchSharp;

namespace Dashboard.Training;

/// <summary>libtorch's intra-op thread count (process-wide), set for a while and then put back.</summary>
public static class TorchThreads
{
    /// <summary>Sets the intra-op threads to <paramref name="threads"/> until disposed; null changes nothing.</summary>
    public static IDisposable Use(int? threads)
    {
        if (threads is not int count) return NoChange.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(threads));
        var previous = torch.get_num_threads();
        if (previous == count) return NoChange.Instance;
        torch.set_num_threads(count);
        return new Restore(previous);
    }

    private sealed class Restore(int previous) : IDisposable
    {
        public void Dispose() => torch.set_num_threads(previous);
    }

    private sealed class NoChange : IDisposable
    {
        public static readonly NoChange Instance = new();

        public void Dispose() { }
    }
}
