namespace Dashboard.Bench;

/// <summary>
/// Training throughput over the timed batches (after the warm-up): images per second, how long the training thread
/// waited for the loader, CPU seconds used by every thread and worker (less sensitive than wall time to other load
/// on the machine), and (ours only) managed bytes allocated per batch, a check that nothing grows per batch.
/// </summary>
public sealed record PipelineFigures(double ImagesPerSecond, int Images, double Seconds, double DataWaitSeconds, double CpuSeconds, double? AllocatedKilobytesPerBatch = null)
{
    public double CpuMillisecondsPerImage => Images > 0 ? CpuSeconds * 1000 / Images : 0;

    /// <summary>Share of the timed wall time the training thread spent waiting for a batch (0 = loading fully overlapped).</summary>
    public double DataWaitFraction => Seconds > 0 ? DataWaitSeconds / Seconds : 0;

    /// <summary>Two measurements as one: images, seconds, waits and CPU added, the allocation per batch averaged over their images.</summary>
    public PipelineFigures Plus(PipelineFigures other)
    {
        var (images, seconds) = (Images + other.Images, Seconds + other.Seconds);
        return new PipelineFigures(images / seconds, images, seconds, DataWaitSeconds + other.DataWaitSeconds, CpuSeconds + other.CpuSeconds,
            (AllocatedKilobytesPerBatch * Images + other.AllocatedKilobytesPerBatch * other.Images) / images);
    }
}

/// <summary>The PyTorch reference at one size: its figures, or why there are none.</summary>
public sealed record PytorchOutcome(PipelineFigures? Figures, string? Unavailable, string? Versions)
{
    public static PytorchOutcome Missing(string reason) => new(null, reason, null);
}

/// <summary>
/// Our figures at one size: the full pipeline, the same fit on one pre-decoded batch (compute alone, the ceiling), the
/// loader alone on its decode threads, how many training images both read from the resize cache's smaller copies, and
/// each round's pipeline ÷ compute alone (see <see cref="Efficiency.InterleavedEfficiency"/>).
/// </summary>
public sealed record OursFigures(PipelineFigures Pipeline, double ComputeOnlyImagesPerSecond, double DecodeOnlyImagesPerSecond, int ResizeCopies = 0,
    IReadOnlyList<double>? RoundEfficiencies = null)
{
    /// <summary>Pipeline ÷ compute alone over all rounds: 1 when loading costs the training nothing.</summary>
    public double PipelineEfficiency => Pipeline.ImagesPerSecond / ComputeOnlyImagesPerSecond;

    /// <summary>The standard error of <see cref="PipelineEfficiency"/> from the rounds' spread (their standard deviation ÷ √rounds); null under two rounds.</summary>
    public double? PipelineEfficiencyStandardError => RoundEfficiencies is { Count: >= 2 } rounds
        ? Math.Sqrt(rounds.Sum(r => (r - rounds.Average()) * (r - rounds.Average())) / (rounds.Count - 1) / rounds.Count)
        : null;
}

/// <summary>
/// Ours and PyTorch at one image size, measured back to back. PyTorch runs twice: as a notebook runs it (glibc's
/// default malloc and OpenMP settings) and with the environment the dashboard starts with (<c>ProcessEnvironment</c>), so the
/// ratio against the second shows what is left once both sides keep their freed memory.
/// </summary>
public sealed record SizeFigures(int Size, OursFigures Ours, PytorchOutcome Pytorch, PytorchOutcome PytorchSameSettings, Bf16Figures? Bf16 = null)
{
    /// <summary>Ours bf16 ÷ ours fp32 pipeline images per second; null without a bf16 measurement.</summary>
    public double? Bf16SpeedupOurs => Bf16 is null ? null : Bf16.Ours.ImagesPerSecond / Ours.Pipeline.ImagesPerSecond;

    /// <summary>PyTorch autocast bf16 ÷ PyTorch fp32, both with the dashboard's environment settings.</summary>
    public double? Bf16SpeedupPytorch =>
        Bf16?.Pytorch.Figures is { } bf16 && PytorchSameSettings.Figures is { ImagesPerSecond: > 0 } fp32 ? bf16.ImagesPerSecond / fp32.ImagesPerSecond : null;

    /// <summary>Ours ÷ PyTorch (default settings) pipeline images per second; null without a PyTorch figure.</summary>
    public double? Ratio => RatioTo(Pytorch);

    /// <summary>Ours ÷ PyTorch started with the dashboard's environment settings.</summary>
    public double? RatioSameSettings => RatioTo(PytorchSameSettings);

    private double? RatioTo(PytorchOutcome pytorch) =>
        pytorch.Figures is { ImagesPerSecond: > 0 } reference ? Ours.Pipeline.ImagesPerSecond / reference.ImagesPerSecond : null;
}

/// <summary>
/// bf16 at one size, on the same files, batch and threads as the fp32 figures: ours with <c>LearnerOptions.Precision</c> =
/// bf16 (the pipeline and compute alone) and PyTorch with its forward pass and loss under <c>torch.autocast('cpu',
/// dtype=torch.bfloat16)</c>, started with the dashboard's environment settings.
/// </summary>
public sealed record Bf16Figures(PipelineFigures Ours, double OursComputeOnlyImagesPerSecond, PytorchOutcome Pytorch)
{
    /// <summary>Ours bf16 ÷ PyTorch autocast bf16 pipeline images per second; null without a PyTorch figure.</summary>
    public double? Ratio => Pytorch.Figures is { ImagesPerSecond: > 0 } reference ? Ours.ImagesPerSecond / reference.ImagesPerSecond : null;
}
