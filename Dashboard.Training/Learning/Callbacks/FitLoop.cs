using System.Diagnostics;
using Dashboard.Training.Precision;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// The fit loop, as fastai's: for each epoch, model in train mode, each batch a step, then validation; every stage
/// calls the callbacks' hooks in order. <see cref="LearnerCallback.AfterFit"/> runs whatever happened.
/// </summary>
internal static class FitLoop
{
    public static void Run(FitContext fit, IBatchSource source, IEnumerable<LearnerCallback> learnerCallbacks, CancellationToken cancellation,
        IEnumerable<LearnerCallback> forThisFit)
    {
        var learner = fit.Learner;
        var all = learnerCallbacks.Where(c => !fit.IsSweep || c.DuringSweep).Concat(forThisFit).OrderBy(c => c.Order).ToArray();
        using var threads = learner.ThreadsForMode();
        using var optimizer = OptimizerFactory.Create(learner.Model.LayerGroups, learner.Options);
        fit.Optimizer = optimizer;
        fit.Scaler = learner.Precision == TrainingPrecision.Fp16 ? new GradScaler(learner.Options.LossScale) : null;
        try
        {
            foreach (var c in all) c.BeforeFit(fit);
            for (fit.EpochInFit = fit.StartEpoch; fit.EpochInFit < fit.Plan.Epochs && !fit.StopRequested; fit.EpochInFit++)
                RunEpoch(fit, source, all, cancellation);
            fit.Outcome = FitOutcome.Completed;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { fit.Outcome = FitOutcome.Stopped; }
        catch (Exception failure)
        {
            (fit.Outcome, fit.Failure) = (FitOutcome.Failed, failure);
            throw;
        }
        finally
        {
            foreach (var c in all) c.AfterFit(fit);
        }
    }

    private static void RunEpoch(FitContext fit, IBatchSource source, LearnerCallback[] all, CancellationToken cancellation)
    {
        var learner = fit.Learner;
        var clock = Stopwatch.StartNew();
        learner.Model.train();
        foreach (var c in all) c.BeforeEpoch(fit);
        // A sweep counts no epochs, so its epochs are numbered within the sweep for the shuffle.
        int order = fit.IsSweep ? fit.EpochInFit : learner.EpochsCompleted;
        fit.BatchInEpoch = 0;
        foreach (var batch in source.Epoch(order, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            using var owned = batch;
            cancellation.ThrowIfCancellationRequested();
            fit.Batch = owned;
            foreach (var c in all) c.BeforeBatch(fit);
            fit.Loss = TrainStep(fit, owned);
            foreach (var c in all) c.AfterBatch(fit);
            if (!fit.IsSweep) fit.TrainLoss.Add(fit.Loss);
            fit.Iteration++;
            fit.BatchInEpoch++;
            if (fit.StopRequested) return;
        }
        fit.Batch = null;
        if (fit.IsSweep) return;
        var (validLoss, accuracy) = learner.Validate(cancellation);
        fit.LastEpoch = new EpochMetrics(learner.EpochsCompleted, fit.TrainLoss.Value, validLoss, accuracy, clock.Elapsed.TotalSeconds);
        fit.Epochs.Add(fit.LastEpoch);
        learner.CountEpoch();
        foreach (var c in all) c.AfterEpoch(fit);
    }

    /// <summary>
    /// One optimisation step; a non-finite loss fails a fit (and is +∞ without a step in a sweep). In fp16 the step goes
    /// through the loss scaler, which skips it when a gradient overflowed.
    /// </summary>
    private static double TrainStep(FitContext fit, LabeledBatch batch)
    {
        var learner = fit.Learner;
        using var inputs = batch.Inputs.to(learner.Device);
        using var targets = batch.Targets.to(learner.Device);
        using var output = learner.Forward(inputs);
        using var loss = nn.functional.cross_entropy(output, targets);
        double value = loss.item<float>();
        if (!double.IsFinite(value))
            return fit.IsSweep ? double.PositiveInfinity : throw new TrainingDivergedException(fit.Iteration, value);
        var optimizer = fit.Optimizer.Optimizer;
        optimizer.ZeroGrad();
        if (fit.Scaler is { } scaler)
        {
            scaler.Backward(loss);
            scaler.Step(optimizer);
        }
        else
        {
            loss.backward();
            optimizer.Step();
        }
        return value;
    }
}
