using Dashboard.Training.Events;
using Dashboard.Training.Learning;

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

    public void NextStep()
    {
        StepIndex++;
        EpochInStep = 0;
    }

    public void FitEnded() => Fits++;

    public void LrFindEnded(LrFindResult f) =>
        LrFind = new LrFindSummary(f.LearningRates, f.Losses, f.SmoothedLosses, f.Suggestions, f.Chosen);

    public void EpochEnded(EpochEnded e)
    {
        Epochs.Add(new EpochSummary(e.Epoch, Fits, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds));
        EpochInStep++;
    }

    public ResumeRecord Record(LearnerProgress learner) => new(StepIndex, EpochInStep, learner, LrFind, Epochs.ToArray(), Saved.ToArray(), Fits);

    /// <summary>Puts the learner and this progress back where the record says; returns the epoch to resume the step at.</summary>
    public int Restore(Learner learner, ResumeStore store, ResumeRecord record, Recipe recipe, CancellationToken cancellation)
    {
        bool insideFit = recipe.Steps[record.StepIndex] is FitStep fit && record.EpochInStep < RecipeRunner.ToRequest(fit).Epochs;
        var learnerProgress = insideFit ? record.Learner with { FitsStarted = record.Learner.FitsStarted - 1 } : record.Learner;
        learner.RestoreResumePoint(store.WeightsPath, learnerProgress, cancellation);
        Epochs.AddRange(record.Epochs);
        Saved.AddRange(record.Saved);
        LrFind = record.LrFind;
        Fits = record.Fits;
        StepIndex = insideFit ? record.StepIndex : record.StepIndex + 1;
        EpochInStep = insideFit ? record.EpochInStep : 0;
        return EpochInStep;
    }
}

/// <summary>Passes events on, keeps the recipe's epoch figures, and writes a resume point at each epoch's end.</summary>
internal sealed class RecipeEventSink(ITrainingEventSink inner, RecipeProgress progress, ResumeStore? resume) : ITrainingEventSink
{
    public Learner? Learner { get; set; }

    public void Emit(TrainingEvent trainingEvent)
    {
        inner.Emit(trainingEvent);
        if (trainingEvent is not EpochEnded epoch) return;
        progress.EpochEnded(epoch);
        if (resume != null && Learner != null) resume.Save(Learner, progress.Record(Learner.Progress));
    }
}
