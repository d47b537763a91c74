using Dashboard.Training.Events;

namespace Dashboard.Training.Learning;

/// <summary>fastai lesson 1's looks at the validation set: the most wrong, the most confident right, the most uncertain.</summary>
public static class Interpretation
{
    public const string MostWrong = "most-wrong";
    public const string MostConfident = "most-confident";
    public const string MostUncertain = "most-uncertain";

    public static IReadOnlyList<TopLoss> TopLosses(Predictions predictions, IReadOnlyList<string> classes, Func<int, string> describe, int perKind)
    {
        var items = Enumerable.Range(0, predictions.Targets.Length).ToArray();
        bool Correct(int i) => predictions.PredictedClass(i) == predictions.Targets[i];
        TopLoss Row(string kind, int i) => new(kind, describe(i), classes[predictions.Targets[i]], classes[predictions.PredictedClass(i)],
            predictions.Probabilities[i][predictions.PredictedClass(i)], predictions.Loss(i));

        var wrong = items.Where(i => !Correct(i)).OrderByDescending(predictions.Loss).Take(perKind).Select(i => Row(MostWrong, i));
        var confident = items.Where(Correct).OrderBy(predictions.Loss).Take(perKind).Select(i => Row(MostConfident, i));
        var uncertain = items.OrderBy(i => Margin(predictions.Probabilities[i])).Take(perKind).Select(i => Row(MostUncertain, i));
        return [.. wrong, .. confident, .. uncertain];
    }

    /// <summary>Gap between the two most likely classes: small means the model could not decide.</summary>
    private static double Margin(float[] probabilities)
    {
        var top = probabilities.OrderDescending().Take(2).ToArray();
        return top.Length < 2 ? top[0] : top[0] - top[1];
    }
}
