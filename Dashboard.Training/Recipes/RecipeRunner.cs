using System.Diagnostics;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using TorchSharp;

namespace Dashboard.Training.Recipes;

/// <summary>Runs a validated recipe's steps in order on one learner, reporting every event to the sink.</summary>
public sealed class RecipeRunner(RecipeEnvironment environment)
{
    /// <summary>
    /// Runs the recipe. With a <paramref name="resume"/> store, a resume point is written at every epoch boundary, and
    /// a run that finds one there continues from it (same epochs, same schedule position) instead of starting over.
    /// </summary>
    public RecipeResult Run(Recipe recipe, ITrainingEventSink events, CancellationToken cancellation = default, ResumeStore? resume = null)
    {
        var clock = Stopwatch.StartNew();
        var data = environment.OpenData(recipe.Data, recipe.Seed);
        var options = environment.LearnerOptions with
        {
            Seed = recipe.Seed,
            Optimizer = recipe.Optimizer == "adam" ? OptimizerKind.Adam : OptimizerKind.Sgd,
            TrainFrozenBatchNorm = recipe.TrainFrozenBatchNorm,
            Precision = Precision.TrainingPrecisionNames.ByName[recipe.Precision],
        };
        var body = environment.CreateBackbone(recipe.Arch, recipe.Weights);
        events.Emit(new RunStarted(recipe.Arch, data.Classes, data.Train(false).ItemCount, data.Valid().ItemCount, recipe.Data.Size, environment.Device.ToString(), torch.get_num_threads()));
        var progress = new RecipeProgress();
        using var learner = new Learner(body, data, options, events, environment.Device);
        learner.AddCallback(new RecipeProgressCallback(progress, resume));
        RecipeChecks.AgainstLearner(recipe, learner);
        int resumeEpoch = resume?.TryRead() is { } record ? progress.Restore(learner, resume, record, recipe, cancellation) : 0;
        if (progress.StepIndex == 0 && resumeEpoch == 0 && recipe.Precompute)
            WithMemoryReport(recipe, "while precomputing activations", () => learner.SetPrecompute(true, cancellation));
        for (int first = progress.StepIndex; progress.StepIndex < recipe.Steps.Count; progress.NextStep())
        {
            if (cancellation.IsCancellationRequested) break;
            var step = recipe.Steps[progress.StepIndex];
            int stepResumeEpoch = progress.StepIndex == first ? resumeEpoch : 0;
            events.Emit(new StepStarted(progress.StepIndex, RecipeStepReader.NameOf(step)));
            WithMemoryReport(recipe, $"in step {progress.StepIndex + 1} ({RecipeStepReader.NameOf(step)})",
                () => RunStep(learner, step, progress, cancellation, stepResumeEpoch));
        }
        var result = WithMemoryReport(recipe, "in the final validation", () => Finish(learner, progress, clock.Elapsed.TotalSeconds, cancellation));
        events.Emit(new RunCompleted(result.Final.Accuracy, result.Final.TtaAccuracy, clock.Elapsed.TotalSeconds));
        return result;
    }

    private static void RunStep(Learner learner, RecipeStep step, RecipeProgress progress, CancellationToken cancellation, int resumeEpoch)
    {
        switch (step)
        {
            case LrFindStep finder:
                progress.LrFindEnded(learner.LrFind(new LrFindOptions
                {
                    MaxIterations = finder.MaxIterations, StartLearningRate = finder.StartLearningRate, EndLearningRate = finder.EndLearningRate,
                    Suggestion = finder.Suggestion,
                }, cancellation));
                break;
            case FitStep or FineTuneStep: RunFits(learner, StepFits.Of(step, learner.GroupCount), progress, cancellation, resumeEpoch); break;
            case PrecomputeStep precompute: learner.SetPrecompute(precompute.Enabled, cancellation); break;
            case SaveStep save: progress.Saved.Add(learner.Save(save.Name)); break;
            case LoadStep load: learner.Load(load.Name); break;
            case UnfreezeStep { Unfreeze: true }: learner.Unfreeze(); break;
            case UnfreezeStep: learner.Freeze(); break;
            case FreezeToStep freezeTo: learner.FreezeTo(freezeTo.Groups); break;
            case BatchNormFreezeStep bnFreeze: learner.FreezeBatchNorm(bnFreeze.Frozen); break;
            case TtaStep { Enabled: true }: progress.Tta = learner.Tta(cancellation); break;
            case TtaStep: break;
            default: throw new NotSupportedException($"step {step.GetType().Name} has no runner");
        }
    }

    /// <summary>The step's fits from where it resumes; a fit resumed midway keeps its freezing and best epoch so far.</summary>
    private static void RunFits(Learner learner, IReadOnlyList<StepFit> fits, RecipeProgress progress, CancellationToken cancellation, int resumeEpoch)
    {
        var (first, epochInFirst) = StepFits.Locate(fits, resumeEpoch);
        for (int f = first; f < fits.Count && !cancellation.IsCancellationRequested; f++)
        {
            int resumeAt = f == first ? epochInFirst : 0;
            var fit = fits[f];
            if (resumeAt == 0) fit.Before?.Invoke(learner);
            var request = fit.Request with { BestSoFar = resumeAt > 0 ? progress.BestOfCurrentFit(fit.Request.SaveBest) : null };
            progress.FitEnded(learner.Fit(request, cancellation, resumeAt), fit.Request.SaveBest);
        }
    }

    /// <summary>Runs <paramref name="work"/>; an allocation failure becomes a <see cref="TrainingOutOfMemoryException"/> saying where.</summary>
    private static T WithMemoryReport<T>(Recipe recipe, string where, Func<T> work)
    {
        try { return work(); }
        catch (Exception e) when (TrainingOutOfMemoryException.IsAllocationFailure(e))
        {
            throw new TrainingOutOfMemoryException(where, recipe.Data.BatchSize, recipe.Data.Size, e);
        }
    }

    private static void WithMemoryReport(Recipe recipe, string where, Action work) =>
        WithMemoryReport(recipe, where, () => { work(); return true; });

    /// <summary>The epochs a fit step trains (its cycles, or the sum of its SGDR cycle lengths).</summary>
    public static int EpochsOf(FitStep fit) => ToRequest(fit).Epochs;

    internal static FitRequest ToRequest(FitStep fit) =>
        new(fit.LearningRates, fit.Cycles, fit.CycleLength, fit.CycleMult, fit.OneCycle) { SaveBest = fit.SaveBest };

    private static RecipeResult Finish(Learner learner, RecipeProgress progress, double seconds, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested(); // a stopped run ends where it stopped, without starting this phase
        int predictBatches = progress.Tta is null ? learner.Data.Valid().BatchesPerEpoch : 0;
        var reporter = new PhaseReporter(learner.Events, "interpretation", learner.ValidSource().BatchesPerEpoch + predictBatches);
        var (validLoss, accuracy) = learner.Validate(cancellation, reporter);
        var predictions = progress.Tta?.Tta ?? learner.PredictValid(null, cancellation, reporter);
        learner.Interpret(predictions);
        return new RecipeResult(progress.LrFind, progress.Epochs, new FinalSummary(accuracy, validLoss, progress.Tta?.Tta.Accuracy()), progress.Saved, seconds, progress.Best);
    }
}
