namespace Dashboard.Training.Recipes;

/// <summary>What a recipe run produced; written as camelCase JSON by the command-line runner.</summary>
public sealed record RecipeResult(
    LrFindSummary? LrFind, IReadOnlyList<EpochSummary> Epochs, FinalSummary Final, IReadOnlyList<string> Saved, double Seconds);

public sealed record LrFindSummary(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses, double Suggestion, double MinLossLearningRateOverTen);

public sealed record EpochSummary(int Epoch, int Fit, double TrainLoss, double ValidLoss, double Accuracy, double Seconds);

public sealed record FinalSummary(double Accuracy, double ValidLoss, double? TtaAccuracy);
