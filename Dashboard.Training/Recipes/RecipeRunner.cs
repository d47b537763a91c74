using System.Diagnostics;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Training.Recipes;

/// <summary>Runs a validated recipe's steps in order on one learner, reporting every event to the sink.</summary>
public sealed class RecipeRunner(RecipeEnvironment environment)
{
    public RecipeResult Run(Recipe recipe, ITrainingEventSink events, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var data = environment.OpenData(recipe.Data, recipe.Seed);
        var options = environment.LearnerOptions with
        {
            Seed = recipe.Seed,
            Optimizer = recipe.Optimizer == "adam" ? OptimizerKind.Adam : OptimizerKind.Sgd,
        };
        var body = environment.CreateBackbone(recipe.Arch, recipe.Weights);
        events.Emit(new RunStarted(recipe.Arch, data.Classes, data.Train(false).ItemCount, data.Valid().ItemCount, recipe.Data.Size, environment.Device.ToString()));
        using var learner = new Learner(body, data, options, events, environment.Device);
        if (recipe.Precompute) learner.SetPrecompute(true, cancellation);
        var progress = new RecipeProgress();
        foreach (var step in recipe.Steps)
        {
            if (cancellation.IsCancellationRequested) break;
            RunStep(learner, step, progress, cancellation);
        }
        var result = Finish(learner, progress, clock.Elapsed.TotalSeconds, cancellation);
        events.Emit(new RunCompleted(result.Final.Accuracy, result.Final.TtaAccuracy, clock.Elapsed.TotalSeconds));
        return result;
    }

    private static void RunStep(Learner learner, RecipeStep step, RecipeProgress progress, CancellationToken cancellation)
    {
        switch (step)
        {
            case LrFindStep finder:
                progress.LrFind = learner.LrFind(new LrFindOptions
                {
                    MaxIterations = finder.MaxIterations, StartLearningRate = finder.StartLearningRate, EndLearningRate = finder.EndLearningRate,
                }, cancellation);
                break;
            case FitStep fit:
                var result = learner.Fit(new FitRequest(fit.LearningRates, fit.Cycles, fit.CycleLength, fit.CycleMult, fit.OneCycle), cancellation);
                progress.AddFit(result);
                break;
            case PrecomputeStep precompute: learner.SetPrecompute(precompute.Enabled, cancellation); break;
            case SaveStep save: progress.Saved.Add(learner.Save(save.Name)); break;
            case LoadStep load: learner.Load(load.Name); break;
            case UnfreezeStep { Unfreeze: true }: learner.Unfreeze(); break;
            case UnfreezeStep: learner.Freeze(); break;
            case FreezeToStep freezeTo: learner.FreezeTo(freezeTo.Groups); break;
            case TtaStep { Enabled: true }: progress.Tta = learner.Tta(cancellation); break;
            case TtaStep: break;
            default: throw new NotSupportedException($"step {step.GetType().Name} has no runner");
        }
    }

    private static RecipeResult Finish(Learner learner, RecipeProgress progress, double seconds, CancellationToken cancellation)
    {
        var (validLoss, accuracy) = learner.Validate(cancellation);
        var predictions = progress.Tta?.Tta ?? learner.PredictValid(null, cancellation);
        learner.Interpret(predictions);
        var finder = progress.LrFind is { } f
            ? new LrFindSummary(f.LearningRates, f.Losses, f.SmoothedLosses, f.Suggestion, f.MinLossLearningRateOverTen) : null;
        return new RecipeResult(finder, progress.Epochs, new FinalSummary(accuracy, validLoss, progress.Tta?.Tta.Accuracy()), progress.Saved, seconds);
    }

    private sealed class RecipeProgress
    {
        private int fits;
        public LrFindResult? LrFind { get; set; }
        public (Predictions Plain, Predictions Tta)? Tta { get; set; }
        public List<EpochSummary> Epochs { get; } = [];
        public List<string> Saved { get; } = [];

        public void AddFit(FitResult result)
        {
            Epochs.AddRange(result.Epochs.Select(e => new EpochSummary(e.Epoch, fits, e.TrainLoss, e.ValidLoss, e.Accuracy, e.Seconds)));
            fits++;
        }
    }
}
