namespace Dashboard.Training.Learning;

public enum BestEpochMonitor { Accuracy, ValidLoss }

/// <summary>
/// Keep the best epoch of a fit under <see cref="Name"/> (fastai 0.7's <c>best_save_name</c>, v2's <c>SaveModelCallback</c>).
/// By accuracy as 0.7 does with an accuracy metric (a tie goes to the lower validation loss), or by validation loss.
/// </summary>
public sealed record SaveBestOptions(string Name, BestEpochMonitor Monitor = BestEpochMonitor.Accuracy)
{
    public static readonly IReadOnlyDictionary<string, BestEpochMonitor> MonitorNames =
        new Dictionary<string, BestEpochMonitor> { ["accuracy"] = BestEpochMonitor.Accuracy, ["validLoss"] = BestEpochMonitor.ValidLoss };

    public string MonitorName => MonitorNames.First(pair => pair.Value == Monitor).Key;

    public bool IsBetter(EpochMetrics candidate, EpochMetrics? best) => best is null || Monitor switch
    {
        BestEpochMonitor.ValidLoss => candidate.ValidLoss < best.ValidLoss,
        _ => candidate.Accuracy > best.Accuracy || (candidate.Accuracy == best.Accuracy && candidate.ValidLoss < best.ValidLoss),
    };
}
