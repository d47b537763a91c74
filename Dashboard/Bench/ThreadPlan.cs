using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>
/// Who gets the cores. Training is compute-bound (a 224 px ResNet-18 step costs ~15× a JPEG decode and augmentation),
/// so libtorch's intra-op pool gets every core, and one decode thread — a quarter of the cores, at least one — prepares
/// the next batch beside it. PyTorch gets the same: torch.set_num_threads(compute), DataLoader num_workers = decode.
/// </summary>
public sealed record ThreadPlan(int Cores, int ComputeThreads, int DecodeThreads)
{
    private const int CoresPerDecodeThread = 4;

    public static ThreadPlan For(int cores, int? computeThreads = null, int? decodeThreads = null) =>
        new(cores, computeThreads ?? cores, decodeThreads ?? Math.Max(1, cores / CoresPerDecodeThread));

    /// <summary>Sets libtorch's intra-op threads until disposed, then restores what was there.</summary>
    public IDisposable ApplyToTorch() => TorchThreads.Use(ComputeThreads);
}
