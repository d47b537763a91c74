namespace Dashboard.Training.Recipes;

/// <summary>What a recipe run produced; written as camelCase JSON by the command-line runner.</summary>
public sealed record RecipeResult(
    LrFindSummary? LrFind, IReadOnlyList<EpochSummary> Epochs, FinalSummary Final, IReadOnlyList<string> Saved, double Seconds,
    IReadOnlyList<BestEpochSummary> Best);

/// <summary>The best epoch of a fit that kept one (<c>saveBest</c>), by its monitor; the final figures stay the last epoch's.</summary>
public sealed record BestEpochSummary(int Fit, int Epoch, string Name, string Monitor, double ValidLoss, double Accuracy);

public sealed record LrFindSummary(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses, double Suggestion, double MinLossLearningRateOverTen);

public sealed record EpochSummary(int Epoch, int Fit, double TrainLoss, double ValidLoss, double Accuracy, double Seconds);

public sealed record FinalSummary(double Accuracy, double ValidLoss, double? TtaAccuracy);
