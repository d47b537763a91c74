namespace Dashboard.Training.Schedules;

/// <summary>
/// fastai v2's <c>fit_one_cycle</c> settings: the rate rises from lr_max / <see cref="Div"/> to lr_max over the first
/// <see cref="PctStart"/> of the iterations, then falls to lr_max / <see cref="DivFinal"/>; momentum moves the other
/// way through <see cref="Moms"/> (start, at the peak rate, end). Both follow <see cref="Anneal.CombinedCosine"/>.
/// </summary>
public sealed record OneCycleOptions
{
    public double PctStart { get; init; } = 0.25;
    public double Div { get; init; } = 25;
    public double DivFinal { get; init; } = 1e5;
    public (double Start, double Middle, double End) Moms { get; init; } = (0.95, 0.85, 0.95);

    /// <summary>This, or an exception naming the first setting out of range.</summary>
    public OneCycleOptions Validated()
    {
        if (PctStart is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(PctStart), PctStart, "must be in [0, 1]");
        if (!(Div > 0)) throw new ArgumentOutOfRangeException(nameof(Div), Div, "must be positive");
        if (!(DivFinal > 0)) throw new ArgumentOutOfRangeException(nameof(DivFinal), DivFinal, "must be positive");
        return this;
    }
}
