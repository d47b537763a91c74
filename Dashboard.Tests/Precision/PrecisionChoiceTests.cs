using Dashboard.Training.Precision;

namespace Dashboard.Tests.Precision;

public class PrecisionChoiceTests
{
    private static PrecisionHardware Cpu(params string[] flags) => new(OnCuda: false, flags.ToHashSet());

    [Theory]
    [InlineData(new[] { "avx2", "avx512f", "avx512_bf16" }, TrainingPrecision.Bf16)]
    [InlineData(new[] { "avx2", "amx_bf16", "amx_tile" }, TrainingPrecision.Bf16)]
    [InlineData(new[] { "avx2", "avx512f" }, TrainingPrecision.Fp32)]
    [InlineData(new string[0], TrainingPrecision.Fp32)]
    public void Auto_on_a_cpu_picks_bf16_only_with_avx512_bf16_or_amx(string[] flags, TrainingPrecision expected) =>
        Assert.Equal(expected, PrecisionChoice.Resolve(TrainingPrecision.Auto, Cpu(flags)));

    [Theory]
    [InlineData(8.0, TrainingPrecision.Bf16)]
    [InlineData(9.0, TrainingPrecision.Bf16)]
    [InlineData(7.5, TrainingPrecision.Fp16)]
    public void Auto_on_cuda_picks_bf16_from_compute_capability_8_and_fp16_below(double capability, TrainingPrecision expected) =>
        Assert.Equal(expected, PrecisionChoice.Resolve(TrainingPrecision.Auto, new PrecisionHardware(OnCuda: true, new HashSet<string>(), capability)));

    [Fact]
    public void Explicit_choices_stay_and_fp16_on_a_cpu_is_refused_with_the_alternative()
    {
        Assert.Equal(TrainingPrecision.Bf16, PrecisionChoice.Resolve(TrainingPrecision.Bf16, Cpu()));
        Assert.Equal(TrainingPrecision.Fp32, PrecisionChoice.Resolve(TrainingPrecision.Fp32, Cpu("avx512_bf16")));
        var error = Assert.Throws<ArgumentException>(() => PrecisionChoice.Resolve(TrainingPrecision.Fp16, Cpu("avx512_bf16")));
        Assert.Contains("use bf16", error.Message);
    }

    [Fact]
    public void Fp16_on_cuda_is_kept_now_that_it_has_a_loss_scaler() =>
        Assert.Equal(TrainingPrecision.Fp16, PrecisionChoice.Resolve(TrainingPrecision.Fp16, new PrecisionHardware(OnCuda: true, new HashSet<string>(), 7.0)));

    [Fact]
    public void This_machines_flags_are_read_from_proc_cpuinfo()
    {
        var flags = PrecisionHardware.ReadCpuFlags();
        Assert.Contains("sse2", flags); // every x86-64 CPU has it
    }
}
