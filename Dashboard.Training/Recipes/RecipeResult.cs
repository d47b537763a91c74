using System.Text.Json.Serialization;
using Dashboard.Training.Events;

namespace Dashboard.Training.Recipes;

/// <summary>What a recipe run produced; written as camelCase JSON by the command-line runner.</summary>
public sealed record RecipeResult(
    LrFindSummary? LrFind, IReadOnlyList<EpochSummary> Epochs, FinalSummary Final, IReadOnlyList<string> Saved, double Seconds,
    IReadOnlyList<BestEpochSummary> Best);

/// <summary>The best epoch of a fit that kept one (<c>saveBest</c>), by its monitor; the final figures stay the last epoch's.</summary>
public sealed record BestEpochSummary(int Fit, int Epoch, string Name, string Monitor, double ValidLoss, double Accuracy);

/// <summary>The finder's curve and suggestions, as <see cref="Learning.LrFindResult"/>; also kept in resume points.</summary>
public sealed record LrFindSummary(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses,
    IReadOnlyList<LrSuggestion> Suggestions, string Chosen)
{
    /// <summary>Resume points written before suggestions existed have no such field: none.</summary>
    public IReadOnlyList<LrSuggestion> Suggestions { get; init; } = Suggestions ?? [];

    public string Chosen { get; init; } = Chosen ?? LrSuggestion.DefaultMethod;

    /// <summary>The chosen method's rate; NaN when it gave none. Not serialised: it follows from the fields above.</summary>
    [JsonIgnore] public double Suggestion => LrSuggestion.RateOf(Suggestions, Chosen);
}

public sealed record EpochSummary(int Epoch, int Fit, double TrainLoss, double ValidLoss, double Accuracy, double Seconds);

public sealed record FinalSummary(double Accuracy, double ValidLoss, double? TtaAccuracy);
