using Dashboard.Training.Events;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>Reports a fit as events: its plan and start, each batch, each epoch, and how it ended.</summary>
public sealed class EventRecorder : LearnerCallback
{
    public override int Order => 50;

    public override void BeforeFit(FitContext fit)
    {
        if (fit.StartEpoch > 0) return; // a resumed fit's start was reported before the interruption
        var learner = fit.Learner;
        learner.Events.Emit(new ScheduleComputed(fit.FitIndex, fit.BaseRates.Select(fit.Plan.LearningRates).ToArray(), fit.Plan.RestartIterations));
        learner.Events.Emit(new FitStarted(fit.FitIndex, fit.Plan.Epochs, fit.Plan.BatchesPerEpoch, fit.BaseRates, learner.Precompute, learner.FrozenGroups));
    }

    public override void AfterBatch(FitContext fit) =>
        fit.Learner.Events.Emit(new BatchEnded(fit.FitIndex, fit.Iteration, fit.Learner.EpochsCompleted, fit.CurrentLearningRates()[^1], fit.Loss));

    public override void AfterEpoch(FitContext fit)
    {
        var epoch = fit.LastEpoch!;
        fit.Learner.Events.Emit(new EpochEnded(fit.FitIndex, epoch.Epoch, epoch.TrainLoss, epoch.ValidLoss, epoch.Accuracy, epoch.Seconds));
    }

    public override void AfterFit(FitContext fit) => fit.Learner.Events.Emit(fit.Outcome switch
    {
        FitOutcome.Completed => new FitCompleted(fit.FitIndex, fit.Epochs.Count),
        FitOutcome.Stopped => new FitStopped(fit.FitIndex, fit.Iteration),
        _ => new FitFailed(fit.FitIndex, fit.Failure?.Message ?? "the fit failed"),
    });
}
