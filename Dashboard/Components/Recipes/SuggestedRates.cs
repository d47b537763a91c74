using System.Globalization;
using Dashboard.Training.Models;
using Dashboard.Training.Schedules;

namespace Dashboard.Components.Recipes;

/// <summary>
/// The learning rate(s) the run page's lr_find suggestion link brings to the form: written with three significant
/// digits, put in one fit, and on request in every fit.
/// </summary>
public static class SuggestedRates
{
    public static string Format(IEnumerable<double> rates) =>
        string.Join(", ", rates.Select(r => r.ToString("G3", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal)));

    /// <summary>
    /// One rate goes to the first fit; rates per layer group to the first fit after an unfreeze (fastai's lesson 1 trains
    /// the head at the suggestion, then the whole model at suggestion/100, /10, ×1), or the first fit when none unfreezes.
    /// </summary>
    public static StepDraft? TargetFit(RecipeDraft draft, bool perGroup)
    {
        var afterUnfreeze = draft.Steps.SkipWhile(s => s.Kind != StepKind.Unfreeze || !s.Enabled).FirstOrDefault(s => s.Kind == StepKind.Fit);
        return (perGroup ? afterUnfreeze : null) ?? draft.Steps.FirstOrDefault(s => s.Kind == StepKind.Fit);
    }

    /// <summary>
    /// Every fit takes the suggestion in its own form: a fit with one rate per layer group gets one per group (the
    /// suggested ones, or the suggestion spread as in the lesson), a fit with one rate gets the suggested (head) rate.
    /// </summary>
    public static void ApplyToEveryFit(RecipeDraft draft, IReadOnlyList<double> rates)
    {
        int groups = Backbones.LayerGroupCount(Backbones.Architectures.Contains(draft.Arch) ? draft.Arch : "resnet18");
        double head = rates[^1];
        IReadOnlyList<double> perGroup = rates.Count > 1 ? rates : DifferentialRates.Spread(head, groups);
        foreach (var fit in draft.Steps.Where(s => s.Kind == StepKind.Fit))
            fit.LearningRates = Format(RecipeDraftJson.ParseRates(fit.LearningRates) is { Count: > 1 } ? perGroup : [head]);
    }
}
