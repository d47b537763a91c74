using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Schedules;

namespace Dashboard.Training.Recipes;

/// <summary>Reads one step: an object with exactly one key naming the step.</summary>
internal static class RecipeStepReader
{
    public static readonly string[] StepNames = ["lrFind", "fit", "fineTune", "precompute", "save", "load", "unfreeze", "freezeTo", "bnFreeze", "tta"];

    /// <summary>The recipe key of a step, as a user wrote it (<c>fit</c>, <c>lrFind</c>…).</summary>
    public static string NameOf(RecipeStep step) => step switch
    {
        LrFindStep => "lrFind", FitStep => "fit", FineTuneStep => "fineTune", PrecomputeStep => "precompute", SaveStep => "save", LoadStep => "load",
        UnfreezeStep => "unfreeze", FreezeToStep => "freezeTo", BatchNormFreezeStep => "bnFreeze", TtaStep => "tta", _ => step.GetType().Name,
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
            "bnFreeze" => new BatchNormFreezeStep(step.Bool(name, true)),
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
        fit.AllowOnly("lr", "cycles", "cycleLen", "cycleMult", "oneCycle", "saveBest");
        var rates = fit.Rates("lr");
        int? cycleLength = fit.Has("cycleLen") ? fit.Int("cycleLen", 1, 1, 1000) : null;
        return new FitStep(rates, fit.Int("cycles", 1, 1, 1000), cycleLength, fit.Int("cycleMult", 1, 1, 10), fit.Bool("oneCycle", false), ReadSaveBest(fit));
    }

    /// <summary><c>"saveBest": "NAME"</c> (by accuracy) or <c>{"name": "NAME", "monitor": "accuracy" | "validLoss"}</c>.</summary>
    private static SaveBestOptions? ReadSaveBest(JsonFields fit)
    {
        if (!fit.Has("saveBest")) return null;
        if (!fit.IsObject("saveBest")) return new SaveBestOptions(fit.Name("saveBest"));
        var best = fit.Object("saveBest");
        best.AllowOnly("name", "monitor");
        var monitor = best.OneOf("monitor", [.. SaveBestOptions.MonitorNames.Keys], "accuracy");
        return new SaveBestOptions(best.Name("name"), SaveBestOptions.MonitorNames[monitor]);
    }
}
