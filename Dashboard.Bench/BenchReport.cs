namespace Dashboard.Bench;

/// <summary>The machine and settings a run was measured under; load averages say how busy the machine was besides us.</summary>
public sealed record BenchEnvironment(ThreadPlan Threads, string Dotnet, string TorchSharp, string? Pytorch, double? LoadAverageStart, double? LoadAverageEnd, bool TrainingEnvironmentAtStart);

/// <summary>Every figure of one benchmark run.</summary>
public sealed record BenchReport(
    BenchOptions Options, BenchEnvironment Environment, IReadOnlyList<SizeFigures> Sizes, PrecomputeFigures Precompute,
    IReadOnlyDictionary<int, double> ForwardGflops, double MatmulGflops, double Seconds, bool Short, LargeDecodeFigures Large)
{
    /// <summary>Training does about 3× the forward's multiply-adds (forward, gradients of inputs, gradients of weights).</summary>
    public const double TrainToForwardWork = 3;

    /// <summary>The forward rate at 224 px (else the first size), the headline compute figure.</summary>
    public double HeadlineForwardGflops => ForwardGflops.TryGetValue(224, out var at224) ? at224 : ForwardGflops[Sizes[0].Size];

    public double ComputeFraction => HeadlineForwardGflops / MatmulGflops;

    public double TrainGflops(SizeFigures size) => size.Ours.Pipeline.ImagesPerSecond * TrainToForwardWork * ComputeBench.GigaMultiplyAdds(size.Size);
}
