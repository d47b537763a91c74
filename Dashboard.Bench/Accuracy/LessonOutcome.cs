using Dashboard.Training.Recipes;

namespace Dashboard.Bench.Accuracy;

/// <summary>One epoch's figures, as fastai prints them after each epoch.</summary>
public sealed record LessonEpoch(int Fit, int Epoch, double TrainLoss, double ValidLoss, double Accuracy);

/// <summary>What one side's run of the lesson gave: accuracy after each fit, at the end and with TTA, and its time.</summary>
public sealed record LessonOutcome(IReadOnlyList<LessonEpoch> Epochs, double? TtaAccuracy, double Seconds)
{
    /// <summary>Validation accuracy of the last epoch of each fit, in fit order.</summary>
    public IReadOnlyList<double> StageAccuracy =>
        Epochs.GroupBy(epoch => epoch.Fit).OrderBy(fit => fit.Key).Select(fit => fit.Last().Accuracy).ToArray();

    /// <summary>The precision the side computed in (ours: as the learner chose it; the PyTorch reference runs fp32).</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>The last epoch's validation accuracy (what fastai prints last).</summary>
    public double Accuracy => Epochs[^1].Accuracy;

    public static LessonOutcome From(RecipeResult result, string precision)
    {
        if (result.Epochs.Count == 0) throw new AccuracyBenchException("our run ended without a single epoch");
        var epochs = result.Epochs.Select(e => new LessonEpoch(e.Fit, e.Epoch, e.TrainLoss, e.ValidLoss, e.Accuracy)).ToArray();
        return new LessonOutcome(epochs, result.Final.TtaAccuracy, result.Seconds) { Precision = precision };
    }
}
