using System.Diagnostics;
using Dashboard.Training.Events;
using Dashboard.Training.Schedules;
using TorchSharp;

namespace Dashboard.Training.Learning;

public sealed partial class Learner
{
    /// <summary>
    /// Trains following the request's schedule. Cancellation stops at the next batch and leaves the model usable;
    /// a NaN or infinite loss ends the fit with <see cref="FitFailed"/> and a <see cref="TrainingDivergedException"/>.
    /// <paramref name="resumeAtEpoch"/> &gt; 0 continues an interrupted fit of this index: the schedule picks up at that
    /// epoch and the fit's start events, already reported, are not repeated.
    /// </summary>
    public FitResult Fit(FitRequest request, CancellationToken cancellation = default, int resumeAtEpoch = 0)
    {
        var baseRates = request.RatesPerGroup(GroupCount, Options.MaxLearningRate);
        using var threads = ThreadsForMode();
        var source = TrainSource();
        var plan = request.Plan(source.BatchesPerEpoch);
        if (resumeAtEpoch < 0 || resumeAtEpoch > plan.Epochs) throw new ArgumentOutOfRangeException(nameof(resumeAtEpoch), resumeAtEpoch, $"must be within the fit's {plan.Epochs} epochs");
        int fitIndex = fitCount++;
        if (resumeAtEpoch == 0)
        {
            events.Emit(new ScheduleComputed(fitIndex, baseRates.Select(plan.LearningRates).ToArray(), plan.RestartIterations));
            events.Emit(new FitStarted(fitIndex, plan.Epochs, plan.BatchesPerEpoch, baseRates, Precompute, FrozenGroups));
        }
        var epochs = new List<EpochMetrics>();
        int iteration = resumeAtEpoch * plan.BatchesPerEpoch;
        try
        {
            for (int e = resumeAtEpoch; e < plan.Epochs; e++)
                epochs.Add(RunEpoch(fitIndex, source, plan, baseRates, ref iteration, cancellation));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            events.Emit(new FitStopped(fitIndex, iteration));
            return new FitResult(epochs, Stopped: true);
        }
        catch (Exception failure)
        {
            events.Emit(new FitFailed(fitIndex, failure.Message));
            throw;
        }
        events.Emit(new FitCompleted(fitIndex, epochs.Count));
        return new FitResult(epochs, Stopped: false);
    }

    private EpochMetrics RunEpoch(int fitIndex, IBatchSource source, SchedulePlan plan, double[] baseRates, ref int iteration, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        Model.train();
        double lossSum = 0;
        int batches = 0;
        foreach (var batch in source.Epoch(EpochsCompleted, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            using var owned = batch;
            cancellation.ThrowIfCancellationRequested();
            double multiplier = plan.Multipliers[Math.Min(iteration, plan.Iterations - 1)];
            SetLearningRates(baseRates, multiplier);
            if (batches == 0) CaptureThumbnails(owned);
            double loss = TrainStep(owned, iteration);
            events.Emit(new BatchEnded(fitIndex, iteration, EpochsCompleted, baseRates[^1] * multiplier, loss));
            lossSum += loss;
            batches++;
            iteration++;
        }
        var (validLoss, accuracy) = Validate(cancellation);
        var metrics = new EpochMetrics(EpochsCompleted, lossSum / Math.Max(1, batches), validLoss, accuracy, clock.Elapsed.TotalSeconds);
        EpochsCompleted++;
        events.Emit(new EpochEnded(fitIndex, metrics.Epoch, metrics.TrainLoss, metrics.ValidLoss, metrics.Accuracy, metrics.Seconds));
        return metrics;
    }

    /// <summary>Thumbnails of the epoch's first batch as the model sees it (augmented); none on cached activations.</summary>
    private void CaptureThumbnails(LabeledBatch batch)
    {
        if (Precompute || Options.ThumbnailCount == 0 || EpochsCompleted >= Options.MaxThumbnailEpochs) return;
        events.Emit(new ThumbnailsCaptured(EpochsCompleted, Training.Data.TensorThumbnails.Pngs(batch.Inputs, Options.ThumbnailCount, Options.ThumbnailSize)));
    }

    /// <summary>Mean cross-entropy and accuracy on the validation set (eval mode, no gradients).</summary>
    public (double Loss, double Accuracy) Validate(CancellationToken cancellation = default)
    {
        Model.eval();
        using var noGrad = torch.no_grad();
        double lossSum = 0;
        long correct = 0, count = 0;
        foreach (var batch in ValidSource().Epoch(0, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            using var owned = batch;
            var targets = owned.Targets.to(Device);
            var output = Forward(owned.Inputs.to(Device));
            lossSum += torch.nn.functional.cross_entropy(output, targets, reduction: torch.nn.Reduction.Sum).item<float>();
            correct += output.argmax(1).eq(targets).sum().item<long>();
            count += owned.Count;
        }
        return (lossSum / Math.Max(1, count), (double)correct / Math.Max(1, count));
    }
}
