using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

public class FreezingAndFitTests
{
    [Fact]
    public void Unfreeze_trains_the_body_and_each_group_gets_its_own_rate()
    {
        using var f = new LearnerFixture();
        f.Learner.Unfreeze();
        var before = Weights.Of(f.Learner.Model);

        var result = f.Learner.Fit(new FitRequest(new double[] { 1e-4, 1e-3, 1e-2 }, cycles: 1));

        Assert.Equal(new[] { 1e-4, 1e-3, 1e-2 }, result.FinalLearningRates);
        var after = Weights.Of(f.Learner.Model);
        Assert.NotEqual(before["body.early.conv.weight"], after["body.early.conv.weight"]);
        var schedule = f.Events.Events.OfType<ScheduleComputed>().Single();
        Assert.Equal(3, schedule.LearningRatesPerGroup.Count);
        Assert.All(schedule.LearningRatesPerGroup[0], rate => Assert.Equal(1e-4, rate, 15));
    }

    [Fact]
    public void Sgdr_fit_runs_seven_epochs_and_the_head_rate_follows_the_planned_cosine()
    {
        using var f = new LearnerFixture();

        var result = f.Learner.Fit(new FitRequest(0.02, cycles: 3, cycleLength: 1, cycleMult: 2));

        Assert.Equal(7, result.Epochs.Count);
        var schedule = f.Events.Events.OfType<ScheduleComputed>().Single();
        var batches = f.Events.Events.OfType<BatchEnded>().ToArray();
        Assert.Equal(schedule.LearningRatesPerGroup[2], batches.Select(b => b.LearningRate));
        int perEpoch = f.Data.Train(true).BatchesPerEpoch;
        Assert.Equal(new[] { perEpoch, 3 * perEpoch }, schedule.RestartIterations);
        Assert.Equal(0.02, batches[perEpoch].LearningRate, 12);
        Assert.Equal(Enumerable.Range(0, 7), f.Events.Events.OfType<EpochEnded>().Select(e => e.Epoch));
    }

    [Fact]
    public void Each_epochs_training_loss_is_the_debiased_moving_average_of_the_fits_batch_losses_as_fastai_prints_it()
    {
        using var f = new LearnerFixture();

        var result = f.Learner.Fit(new FitRequest(0.02, cycles: 2, cycleLength: 1));

        var losses = f.Events.Events.OfType<BatchEnded>().Select(b => b.Loss).ToArray();
        int perEpoch = losses.Length / 2;
        for (int epoch = 0; epoch < 2; epoch++)
        {
            double average = 0;
            int n = (epoch + 1) * perEpoch;
            for (int i = 0; i < n; i++) average = 0.98 * average + 0.02 * losses[i];
            Assert.Equal(average / (1 - Math.Pow(0.98, n)), result.Epochs[epoch].TrainLoss, 10);
        }
        Assert.NotEqual(losses[perEpoch..].Average(), result.Epochs[1].TrainLoss, 6);
    }

    [Fact]
    public void The_learner_learns_the_synthetic_classes()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.05, cycles: 3, cycleLength: 1));
        f.Learner.Unfreeze();

        var result = f.Learner.Fit(new FitRequest(new double[] { 0.005, 0.01, 0.02 }, cycles: 2, cycleLength: 1));

        Assert.True(result.Epochs[^1].Accuracy >= 0.8, $"accuracy {result.Epochs[^1].Accuracy}");
        Assert.All(result.Epochs, e => Assert.True(e.Seconds > 0 && double.IsFinite(e.TrainLoss) && double.IsFinite(e.ValidLoss)));
    }

    [Fact]
    public void Bad_learning_rates_are_rejected_before_training()
    {
        using var f = new LearnerFixture();
        Assert.Throws<ArgumentException>(() => f.Learner.Fit(new FitRequest(new double[] { 1e-3, 1e-2 }, cycles: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Learner.Fit(new FitRequest(-0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Learner.Fit(new FitRequest(double.NaN)));
        Assert.Empty(f.Events.Events.OfType<FitStarted>());
    }

    [Fact]
    public void A_diverging_loss_fails_the_fit_naming_the_iteration()
    {
        using var f = new LearnerFixture();

        var error = Assert.Throws<TrainingDivergedException>(() => f.Learner.Fit(new FitRequest(10, cycles: 5)));

        Assert.Contains($"loss diverged at iteration {error.Iteration}", error.Message);
        Assert.Contains("loss diverged at iteration", f.Events.Events.OfType<FitFailed>().Single().Message);
    }

    [Fact]
    public void Cancellation_stops_at_a_batch_and_leaves_the_model_usable()
    {
        using var f = new LearnerFixture();
        using var cancel = new CancellationTokenSource();
        var sink = new CancelAfterBatches(cancel, 3);
        using var learner = new Learner(new TinyBackbone(), f.Data, f.Options, sink);

        var result = learner.Fit(new FitRequest(0.01, cycles: 4), cancel.Token);

        Assert.True(result.Stopped);
        Assert.Equal(3, sink.Batches);
        Assert.Empty(result.Epochs);
        var stoppedLoss = learner.Validate().Loss;
        var next = learner.Fit(new FitRequest(0.01, cycles: 2));
        Assert.False(next.Stopped);
        Assert.Equal([0, 1], next.Epochs.Select(e => e.Epoch)); // the stopped epoch was not counted
        Assert.True(double.IsFinite(stoppedLoss) && next.Epochs.All(e => double.IsFinite(e.TrainLoss) && e.ValidLoss < stoppedLoss * 2));
    }

    private sealed class CancelAfterBatches(CancellationTokenSource cancel, int batches) : ITrainingEventSink
    {
        public int Batches { get; private set; }
        public void Emit(TrainingEvent e)
        {
            if (e is BatchEnded && ++Batches == batches) cancel.Cancel();
        }
    }
}

public class ThumbnailTests
{
    [Fact]
    public void Each_full_image_epoch_reports_png_thumbnails_of_its_first_augmented_batch_and_cached_epochs_none()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.01, cycles: 2));
        f.Learner.SetPrecompute(true);
        f.Learner.Fit(new FitRequest(0.01));

        var captured = f.Events.Events.OfType<ThumbnailsCaptured>().ToArray();
        Assert.Equal(new[] { 0, 1 }, captured.Select(c => c.Epoch));
        var png = captured[0].Pngs[0];
        Assert.Equal(f.Options.ThumbnailCount, captured[0].Pngs.Count);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        using var image = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(f.Options.ThumbnailSize, image.Width);
    }

    [Fact]
    public void Thumbnails_carry_their_true_classes_and_after_the_epoch_the_models_class_for_each()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.01, cycles: 2));

        var events = f.Events.Events;
        var captured = events.OfType<ThumbnailsCaptured>().ToArray();
        var predicted = events.OfType<ThumbnailsPredicted>().ToArray();
        Assert.Equal(new[] { 0, 1 }, predicted.Select(p => p.Epoch));
        using var firstBatch = f.Data.Train(augment: true).Epoch(0, default).First();
        Assert.Equal(firstBatch.Targets[..f.Options.ThumbnailCount].data<long>().Select(t => (int)t), captured[0].Labels!);
        Assert.All(predicted, p => Assert.Equal(f.Options.ThumbnailCount, p.Predicted.Count));
        Assert.All(predicted.SelectMany(p => p.Predicted), c => Assert.InRange(c, 0, f.Data.Classes.Count - 1));
        // Each epoch: the capture at its first batch, the prediction after its validation (just before the epoch's figures).
        var order = events.Where(e => e is EpochEnded or ThumbnailsPredicted or ThumbnailsCaptured).Select(e => e.GetType().Name).ToArray();
        Assert.Equal(["ThumbnailsCaptured", "ThumbnailsPredicted", "EpochEnded", "ThumbnailsCaptured", "ThumbnailsPredicted", "EpochEnded"], order);
    }
}
