namespace Dashboard.Training.Schedules;

/// <summary>
/// A whole fit's learning-rate plan: one multiplier of the base rate per iteration (mini-batch),
/// the iterations where a new cycle starts, and the epoch count. Each layer group's rate is its base rate × the multiplier.
/// <see cref="Momentum"/>, when the schedule sets it, is the absolute momentum per iteration (SGD's momentum, Adam's β1).
/// </summary>
public sealed record SchedulePlan(IReadOnlyList<double> Multipliers, IReadOnlyList<int> RestartIterations, int Epochs, int BatchesPerEpoch,
    IReadOnlyList<double>? Momentum = null)
{
    public int Iterations => Multipliers.Count;

    public IReadOnlyList<double> LearningRates(double baseRate) => Multipliers.Select(m => m * baseRate).ToArray();
}
