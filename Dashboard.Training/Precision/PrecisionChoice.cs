namespace Dashboard.Training.Precision;

/// <summary>What the hardware offers: CPU feature flags (from /proc/cpuinfo) and, on CUDA, the device's compute capability.</summary>
public sealed record PrecisionHardware(bool OnCuda, IReadOnlySet<string> CpuFlags, double? CudaCapability = null)
{
    private const string CpuInfo = "/proc/cpuinfo";

    public bool CpuHasBf16 => CpuFlags.Contains("avx512_bf16") || CpuFlags.Contains("amx_bf16");

    /// <summary>This machine's CPU flags (the first processor's; none when /proc/cpuinfo cannot be read).</summary>
    public static IReadOnlySet<string> ReadCpuFlags()
    {
        try
        {
            var line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
            return line is null ? new HashSet<string>() : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        }
        catch (IOException) { return new HashSet<string>(); }
        catch (UnauthorizedAccessException) { return new HashSet<string>(); }
    }
}

/// <summary>Resolves a requested precision against the hardware: a pure function, so every rule is testable on any machine.</summary>
public static class PrecisionChoice
{
    private const double CudaBf16Capability = 8.0;

    public static TrainingPrecision Resolve(TrainingPrecision requested, PrecisionHardware hardware) => requested switch
    {
        TrainingPrecision.Auto when hardware.OnCuda => hardware.CudaCapability >= CudaBf16Capability ? TrainingPrecision.Bf16 : TrainingPrecision.Fp16,
        TrainingPrecision.Auto => hardware.CpuHasBf16 ? TrainingPrecision.Bf16 : TrainingPrecision.Fp32,
        TrainingPrecision.Fp16 when !hardware.OnCuda =>
            throw new ArgumentException("precision: fp16 needs a CUDA device; on a CPU use bf16 (with AVX512_BF16 or AMX) or fp32."),
        _ => requested,
    };
}
