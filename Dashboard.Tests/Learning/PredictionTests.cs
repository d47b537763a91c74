using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

public class PredictionTests
{
    [Fact]
    public void Tta_averages_the_plain_and_four_augmented_predictions()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.05, cycles: 2));

        var (plain, tta) = f.Learner.Tta();

        var views = new List<Predictions> { f.Learner.PredictValid() };
        for (int k = 0; k < LearnerPredictions.TtaAugmentedViews; k++) views.Add(f.Learner.PredictValid(f.Options.Seed * 1000 + k + 1));
        var expected = Predictions.Average(views);
        Assert.Equal(plain.Probabilities, views[0].Probabilities);
        Assert.Equal(expected.Probabilities[0], tta.Probabilities[0]);
        Assert.NotEqual(plain.Probabilities[0], tta.Probabilities[0]);
        var reported = f.Events.Events.OfType<TtaCompleted>().Single();
        Assert.Equal(tta.Accuracy(), reported.TtaAccuracy);
    }

    [Fact]
    public void Confusion_matrix_and_top_losses_describe_the_predictions()
    {
        float[][] probabilities = [[0.9f, 0.1f], [0.2f, 0.8f], [0.55f, 0.45f], [0.3f, 0.7f]];
        var predictions = new Predictions(probabilities, [0, 0, 1, 1]);

        Assert.Equal(new[] { new[] { 1, 1 }, new[] { 1, 1 } }, predictions.ConfusionMatrix(2));
        var top = Interpretation.TopLosses(predictions, ["cat", "dog"], i => $"item{i}", perKind: 1);
        Assert.Equal(new[] { "item1", "item0", "item2" }, top.Select(t => t.Item));
        Assert.Equal(new[] { Interpretation.MostWrong, Interpretation.MostConfident, Interpretation.MostUncertain }, top.Select(t => t.Kind));
        Assert.Equal(("cat", "dog"), (top[0].Actual, top[0].Predicted));
        Assert.Equal(-Math.Log(0.2), top[0].Loss, 5);
    }

    [Fact]
    public void Interpret_reports_confusion_and_top_losses_for_every_validation_item()
    {
        using var f = new LearnerFixture();
        f.Learner.Interpret(f.Learner.PredictValid());

        var confusion = f.Events.Events.OfType<ConfusionMatrixComputed>().Single();
        Assert.Equal(18, confusion.Counts.Sum(row => row.Sum()));
        Assert.NotEmpty(f.Events.Events.OfType<TopLossesComputed>().Single().Items);
    }
}
