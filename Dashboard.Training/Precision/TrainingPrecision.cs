namespace Dashboard.Training.Precision;

/// <summary>The number format a run computes in. Weights, BatchNorm statistics, optimizer state and checkpoints stay fp32.</summary>
public enum TrainingPrecision
{
    /// <summary>Everything in float32.</summary>
    Fp32,

    /// <summary>bfloat16 autocast: convolutions and matrix products in bf16 (CPUs with AVX512_BF16 or AMX, CUDA ≥ 8.0).</summary>
    Bf16,

    /// <summary>float16 autocast with dynamic loss scaling (<see cref="GradScaler"/>), CUDA only.</summary>
    Fp16,

    /// <summary>bf16 where the hardware has it, fp16 on older CUDA devices, fp32 otherwise.</summary>
    Auto,
}

public static class TrainingPrecisionNames
{
    public static readonly IReadOnlyDictionary<string, TrainingPrecision> ByName = new Dictionary<string, TrainingPrecision>
    {
        ["fp32"] = TrainingPrecision.Fp32, ["bf16"] = TrainingPrecision.Bf16, ["fp16"] = TrainingPrecision.Fp16, ["auto"] = TrainingPrecision.Auto,
    };

    public static string NameOf(TrainingPrecision precision) => ByName.First(pair => pair.Value == precision).Key;
}
