using Dashboard.Training.Learning;
using Dashboard.Training.Schedules;

namespace Dashboard.Training.Recipes;

/// <summary>One fit a step trains, and what it does to freezing before it starts.</summary>
internal sealed record StepFit(FitRequest Request, Action<Learner>? Before = null);

/// <summary>
/// The fits a recipe step trains, in order: a <c>fit</c> step is one; <c>fineTune</c> is fastai v2's <c>fine_tune</c>:
/// freeze, <c>fit_one_cycle(freeze_epochs, slice(base_lr), pct_start=0.99)</c>, then unfreeze and
/// <c>fit_one_cycle(epochs, slice(base_lr/2/100, base_lr/2), pct_start=0.3, div=5)</c>.
/// </summary>
internal static class StepFits
{
    private const double FineTuneLrMult = 100;
    private const double FrozenPctStart = 0.99;
    private const double UnfrozenPctStart = 0.3;
    private const double UnfrozenDiv = 5;

    public static IReadOnlyList<StepFit> Of(RecipeStep step, int layerGroups) => step switch
    {
        FitStep fit => [new StepFit(RecipeRunner.ToRequest(fit))],
        FineTuneStep fineTune => FineTune(fineTune, layerGroups),
        _ => [],
    };

    /// <summary>Which fit of the step an epoch count within the step falls in, and the epoch within that fit.</summary>
    public static (int Fit, int EpochInFit) Locate(IReadOnlyList<StepFit> fits, int epochInStep)
    {
        for (int f = 0; f < fits.Count; f++)
        {
            if (epochInStep < fits[f].Request.Epochs) return (f, epochInStep);
            epochInStep -= fits[f].Request.Epochs;
        }
        return (fits.Count, 0);
    }

    public static int Epochs(IReadOnlyList<StepFit> fits) => fits.Sum(f => f.Request.Epochs);

    private static StepFit[] FineTune(FineTuneStep step, int layerGroups)
    {
        var unfrozen = new StepFit(new FitRequest(DifferentialRates.Spread(step.BaseLearningRate / 2, layerGroups, FineTuneLrMult), step.Epochs, oneCycle: true)
        {
            OneCycleSettings = new OneCycleOptions { PctStart = UnfrozenPctStart, Div = UnfrozenDiv },
        }, learner => learner.Unfreeze());
        if (step.FreezeEpochs == 0) return [unfrozen];
        var frozen = new StepFit(new FitRequest(HeadRateRange(step.BaseLearningRate, layerGroups), step.FreezeEpochs, oneCycle: true)
        {
            OneCycleSettings = new OneCycleOptions { PctStart = FrozenPctStart },
        }, learner => learner.Freeze());
        return [frozen, unfrozen];
    }

    /// <summary>fastai v2's <c>lr_range(slice(rate))</c>: rate / 10 for every body group, rate for the head.</summary>
    private static double[] HeadRateRange(double rate, int layerGroups) => [.. Enumerable.Repeat(rate / 10, layerGroups - 1), rate];
}
