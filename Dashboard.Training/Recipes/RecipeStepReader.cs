using Dashboard.Training.Events;
using Dashboard.Training.Schedules;

namespace Dashboard.Training.Recipes;

/// <summary>Reads one step: an object with exactly one key naming the step.</summary>
internal static class RecipeStepReader
{
    public static readonly string[] StepNames = ["lrFind", "fit", "fineTune", "precompute", "save", "load", "unfreeze", "freezeTo", "tta"];

    /// <summary>The recipe key of a step, as a user wrote it (<c>fit</c>, <c>lrFind</c>…).</summary>
    public static string NameOf(RecipeStep step) => step switch
    {
        LrFindStep => "lrFind", FitStep => "fit", FineTuneStep => "fineTune", PrecomputeStep => "precompute", SaveStep => "save", LoadStep => "load",
        UnfreezeStep => "unfreeze", FreezeToStep => "freezeTo", TtaStep => "tta", _ => step.GetType().Name,
    };

    public static RecipeStep Read(JsonFields step)
    {
        var names = step.Names();
        if (names.Count != 1 || !StepNames.Contains(names[0]))
            throw new RecipeException(step.Path, $"a step is an object with one key, one of {string.Join(", ", StepNames)}; got {{{string.Join(", ", names)}}}");
        var name = names[0];
        return name switch
        {
            "lrFind" => ReadLrFind(step.Object(name)),
            "fit" => ReadFit(step.Object(name)),
            "fineTune" => ReadFineTune(step.Object(name)),
            "precompute" => new PrecomputeStep(step.Bool(name, true)),
            "save" => new SaveStep(step.Name(name)),
            "load" => new LoadStep(step.Name(name)),
            "unfreeze" => new UnfreezeStep(step.Bool(name, true)),
            "freezeTo" => new FreezeToStep(step.Int(name, 0, 0, 16)),
            _ => new TtaStep(step.Bool(name, true)),
        };
    }

    private static LrFindStep ReadLrFind(JsonFields finder)
    {
        finder.AllowOnly("maxIterations", "startLr", "endLr", "suggestion");
        var result = new LrFindStep(finder.Int("maxIterations", 100, 2, 10_000), finder.Double("startLr", 1e-7, 1e-12, 1), finder.Double("endLr", 10, 1e-6, 100),
            finder.OneOf("suggestion", LrSuggestions.Methods, LrSuggestion.DefaultMethod));
        if (result.EndLearningRate <= result.StartLearningRate) throw new RecipeException(finder.Path + ".endLr", "must be above startLr");
        return result;
    }

    private static FineTuneStep ReadFineTune(JsonFields fineTune)
    {
        fineTune.AllowOnly("epochs", "baseLr", "freezeEpochs");
        return new FineTuneStep(fineTune.RequiredInt("epochs", 1, 1000), fineTune.Rate("baseLr", 2e-3), fineTune.Int("freezeEpochs", 1, 0, 1000));
    }

    private static FitStep ReadFit(JsonFields fit)
    {
        fit.AllowOnly("lr", "cycles", "cycleLen", "cycleMult", "oneCycle");
        var rates = fit.Rates("lr");
        if (rates.Count is not (1 or 3))
            throw new RecipeException(fit.Path + ".lr", $"give one learning rate or 3 (early body, late body, head), not {rates.Count}");
        int? cycleLength = fit.Has("cycleLen") ? fit.Int("cycleLen", 1, 1, 1000) : null;
        return new FitStep(rates, fit.Int("cycles", 1, 1, 1000), cycleLength, fit.Int("cycleMult", 1, 1, 10), fit.Bool("oneCycle", false));
    }
}
