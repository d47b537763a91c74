namespace Dashboard.Training.Precision;

/// <summary>
/// Dynamic loss scaling as PyTorch's <c>torch.cuda.amp.GradScaler</c>: start at 2¹⁶, halve after a step whose gradients
/// were not finite (the step is skipped), double after <see cref="GrowthInterval"/> finite steps in a row.
/// </summary>
public sealed record LossScaleOptions
{
    public double InitialScale { get; init; } = 65536;
    public double GrowthFactor { get; init; } = 2;
    public double BackoffFactor { get; init; } = 0.5;
    public int GrowthInterval { get; init; } = 2000;
}

/// <summary>The scale a loss is multiplied by before backward, and the finite steps since it last changed.</summary>
public readonly record struct LossScale(double Scale, int FiniteStepsInARow)
{
    public static LossScale Initial(LossScaleOptions options) => new(options.InitialScale, 0);

    /// <summary>The next scale, a pure function of this one and whether the step's gradients had an inf or NaN.</summary>
    public LossScale After(bool gradientsFinite, LossScaleOptions options)
    {
        if (!gradientsFinite) return new(Scale * options.BackoffFactor, 0);
        return FiniteStepsInARow + 1 >= options.GrowthInterval ? new(Scale * options.GrowthFactor, 0) : this with { FiniteStepsInARow = FiniteStepsInARow + 1 };
    }
}
