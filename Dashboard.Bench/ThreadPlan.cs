using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>
/// Who gets the cores, as the dashboard's loader decides (<see cref="Dashboard.Training.Data.LoaderOptions.DecodeThreads"/>):
/// libtorch's intra-op pool gets every core and a quarter of the cores (at least one) decode. PyTorch gets the same:
/// torch.set_num_threads(compute), DataLoader num_workers = decode.
/// </summary>
public sealed record ThreadPlan(int Cores, int ComputeThreads, int DecodeThreads)
{
    public static ThreadPlan For(int cores, int? computeThreads = null, int? decodeThreads = null) =>
        new(cores, computeThreads ?? cores, decodeThreads ?? Dashboard.Training.Data.LoaderOptions.DecodeThreadsFor(cores));

    /// <summary>Sets libtorch's intra-op threads until disposed, then restores what was there.</summary>
    public IDisposable ApplyToTorch() => TorchThreads.Use(ComputeThreads);
}
