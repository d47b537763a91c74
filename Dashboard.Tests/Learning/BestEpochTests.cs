using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

public class BestEpochTests
{
    [Theory]
    [InlineData(BestEpochMonitor.Accuracy)]
    [InlineData(BestEpochMonitor.ValidLoss)]
    public void Save_best_keeps_the_weights_of_the_best_epoch_by_its_monitor_and_the_last_epoch_stays_the_result(BestEpochMonitor monitor)
    {
        using var f = new LearnerFixture();
        f.Learner.Unfreeze();
        var options = new SaveBestOptions("best", monitor);

        var result = f.Learner.Fit(new FitRequest(0.05, cycles: 5) { SaveBest = options });

        var expected = result.Epochs.Aggregate((EpochMetrics?)null, (best, e) => options.IsBetter(e, best) ? e : best)!;
        Assert.Equal(expected, result.Best);
        var saved = f.Events.Events.OfType<BestEpochSaved>().ToArray();
        Assert.Equal(expected.Epoch, saved[^1].Epoch);
        Assert.Equal(result.Epochs[0].Epoch, saved[0].Epoch);
        Assert.True(saved.Zip(saved.Skip(1)).All(p => monitor == BestEpochMonitor.ValidLoss ? p.Second.ValidLoss < p.First.ValidLoss : p.Second.Accuracy >= p.First.Accuracy));
        var lastEpochScore = f.Learner.Validate();
        Assert.Equal(result.Epochs[^1].ValidLoss, lastEpochScore.Loss, 5);

        f.Learner.Load("best");

        Assert.Equal(expected.ValidLoss, f.Learner.Validate().Loss, 5);
    }

    [Fact]
    public void A_tie_in_accuracy_goes_to_the_lower_validation_loss_as_in_fastai_07()
    {
        var options = new SaveBestOptions("best");
        var first = new EpochMetrics(0, 1, ValidLoss: 0.5, Accuracy: 0.8, 1);

        Assert.True(options.IsBetter(first with { ValidLoss = 0.4 }, first));
        Assert.False(options.IsBetter(first with { ValidLoss = 0.6 }, first));
        Assert.False(options.IsBetter(first with { Accuracy = 0.7, ValidLoss = 0.1 }, first));
        Assert.True(new SaveBestOptions("best", BestEpochMonitor.ValidLoss).IsBetter(first with { Accuracy = 0.1, ValidLoss = 0.4 }, first));
    }
}
