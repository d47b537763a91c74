using Dashboard.Training.Events;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>Saves the weights whenever an epoch beats the best one of the fit so far (see <see cref="SaveBestOptions"/>).</summary>
public sealed class BestEpochSaver(SaveBestOptions options, EpochMetrics? bestSoFar = null) : LearnerCallback
{
    public override int Order => 60;

    /// <summary>The best epoch of the fit, including one before a resume.</summary>
    public EpochMetrics? Best { get; private set; } = bestSoFar;

    public override void AfterEpoch(FitContext fit)
    {
        var epoch = fit.LastEpoch!;
        if (!options.IsBetter(epoch, Best)) return;
        Best = epoch;
        var path = fit.Learner.WriteCheckpoint(options.Name);
        fit.Learner.Events.Emit(new BestEpochSaved(fit.FitIndex, epoch.Epoch, options.Name, options.MonitorName, epoch.ValidLoss, epoch.Accuracy, path));
    }
}
