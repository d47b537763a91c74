using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Callbacks;

namespace Dashboard.Training.Recipes;

/// <summary>What a recipe run has done so far: the step it is on, epochs in that step, and results to report.</summary>
internal sealed class RecipeProgress
{
    public int StepIndex { get; private set; }
    public int EpochInStep { get; private set; }
    public int Fits { get; private set; }
    public LrFindSummary? LrFind { get; private set; }
    public (Predictions Plain, Predictions Tta)? Tta { get; set; }
    public List<EpochSummary> Epochs { get; } = [];
    public List<string> Saved { get; } = [];
    public List<BestEpochSummary> Best { get; } = [];

    public void NextStep()
    {
        StepIndex++;
        EpochInStep = 0;
    }

    public void FitEnded(FitResult result, SaveBestOptions? saveBest)
    {
        if (saveBest is not null && result.Best is { } best)
            Best.Add(new BestEpochSummary(Fits, best.Epoch, saveBest.Name, saveBest.MonitorName, best.ValidLoss, best.Accuracy));
        Fits++;
    }

    /// <summary>A resume point written at a fit's last epoch: that fit ended, but before its end was counted.</summary>
    private void CountFitEnded(StepFit fit)
    {
        var saveBest = fit.Request.SaveBest;
        if (saveBest is not null && BestOfCurrentFit(saveBest) is { } best)
            Best.Add(new BestEpochSummary(Fits, best.Epoch, saveBest.Name, saveBest.MonitorName, best.ValidLoss, best.Accuracy));
        Fits++;
    }

    /// <summary>The best epoch so far of the fit being resumed, by the fit's monitor (null without saveBest).</summary>
    public EpochMetrics? BestOfCurrentFit(SaveBestOptions? saveBest)
    {
        if (saveBest is null) return null;
        EpochMetrics? best = null;
        foreach (var e in Epochs.Where(e => e.Fit == Fits))
        {
            var candidate = new EpochMetrics(e.Epoch, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds);
            if (saveBest.IsBetter(candidate, best)) best = candidate;
        }
        return best;
    }

    public void LrFindEnded(LrFindResult f) =>
        LrFind = new LrFindSummary(f.LearningRates, f.Losses, f.SmoothedLosses, f.Suggestions, f.Chosen);

    public void EpochEnded(EpochMetrics e)
    {
        Epochs.Add(new EpochSummary(e.Epoch, Fits, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds));
        EpochInStep++;
    }

    public ResumeRecord Record(LearnerProgress learner) => new(StepIndex, EpochInStep, learner, LrFind, Epochs.ToArray(), Saved.ToArray(), Fits, Best.ToArray());

    /// <summary>Puts the learner and this progress back where the record says; returns the epoch to resume the step at.</summary>
    public int Restore(Learner learner, ResumeStore store, ResumeRecord record, Recipe recipe, CancellationToken cancellation)
    {
        var fits = StepFits.Of(recipe.Steps[record.StepIndex], learner.GroupCount);
        bool stepDone = record.EpochInStep >= StepFits.Epochs(fits);
        bool insideFit = !stepDone && StepFits.Locate(fits, record.EpochInStep).EpochInFit > 0;
        var learnerProgress = insideFit ? record.Learner with { FitsStarted = record.Learner.FitsStarted - 1 } : record.Learner;
        learner.Restore(store.WeightsPath, learnerProgress, cancellation);
        Epochs.AddRange(record.Epochs);
        Saved.AddRange(record.Saved);
        Best.AddRange(record.Best ?? []);
        LrFind = record.LrFind;
        Fits = record.Fits;
        if (!insideFit) CountFitEnded(fits[StepFits.Locate(fits, record.EpochInStep - 1).Fit]);
        StepIndex = stepDone ? record.StepIndex + 1 : record.StepIndex;
        EpochInStep = stepDone ? 0 : record.EpochInStep;
        return EpochInStep;
    }
}

/// <summary>Keeps the recipe's epoch figures and, with a store, writes a resume point at each epoch's end.</summary>
internal sealed class RecipeProgressCallback(RecipeProgress progress, ResumeStore? resume) : LearnerCallback
{
    public override int Order => 100;

    public override void AfterEpoch(FitContext fit)
    {
        progress.EpochEnded(fit.LastEpoch!);
        resume?.Save(fit.Learner, progress.Record(fit.Learner.Progress));
    }
}
