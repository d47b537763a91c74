using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Training.Recipes;

namespace Dashboard.Components.Recipes;

/// <summary>Between the form's draft and the recipe JSON that the CLI, the API and <see cref="RecipeParser"/> share.</summary>
public static class RecipeDraftJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The draft's recipe JSON; <paramref name="steps"/> replaces its steps (to check parts on their own).</summary>
    public static string ToJson(RecipeDraft draft, IEnumerable<StepDraft>? steps = null)
    {
        var recipe = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["path"] = draft.Dataset, ["size"] = draft.Size, ["batchSize"] = draft.BatchSize,
                ["augment"] = draft.Augment, ["maxZoom"] = draft.MaxZoom,
            },
            ["arch"] = draft.Arch,
        };
        if (draft.Arch != "resnet18" || !string.IsNullOrWhiteSpace(draft.Weights)) recipe["weights"] = draft.Weights;
        recipe["precompute"] = draft.Precompute;
        recipe["seed"] = draft.Seed;
        if (draft.Precision != "fp32") recipe["precision"] = draft.Precision;
        if (draft.TrainFrozenBatchNorm) recipe["trainFrozenBatchNorm"] = true;
        recipe["steps"] = new JsonArray((steps ?? draft.Steps).Select(Step).ToArray<JsonNode?>());
        return recipe.ToJsonString(Indented);
    }

    /// <summary>The rates typed in a fit step: numbers separated by commas, semicolons or spaces; null when one is not a number.</summary>
    public static IReadOnlyList<double>? ParseRates(string text)
    {
        var parts = text.Split([',', ';', ' ', '[', ']'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rates = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate)) return null;
            rates.Add(rate);
        }
        return rates;
    }

    public static string FormatRates(IEnumerable<double> rates) => string.Join(", ", rates.Select(r => r.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>A draft holding a parsed recipe (to start a new run from an earlier one).</summary>
    public static RecipeDraft FromRecipe(Recipe recipe, string name) => new()
    {
        Name = name, Dataset = recipe.Data.Path, Arch = recipe.Arch, Weights = recipe.Weights, Size = recipe.Data.Size,
        BatchSize = recipe.Data.BatchSize, Augment = recipe.Data.Augment, MaxZoom = recipe.Data.MaxZoom,
        Precompute = recipe.Precompute, Seed = recipe.Seed, Precision = recipe.Precision, TrainFrozenBatchNorm = recipe.TrainFrozenBatchNorm, Steps = recipe.Steps.Select(FromStep).ToList(),
    };

    private static JsonObject Step(StepDraft step) => step.Kind switch
    {
        StepKind.LrFind => new JsonObject { ["lrFind"] = new JsonObject { ["maxIterations"] = step.MaxIterations, ["suggestion"] = step.Suggestion } },
        StepKind.Fit => new JsonObject { ["fit"] = Fit(step) },
        StepKind.FineTune => new JsonObject
        {
            ["fineTune"] = new JsonObject { ["epochs"] = step.Epochs, ["baseLr"] = step.BaseLearningRate, ["freezeEpochs"] = step.FreezeEpochs },
        },
        StepKind.Precompute => new JsonObject { ["precompute"] = step.Enabled },
        StepKind.Unfreeze => new JsonObject { ["unfreeze"] = step.Enabled },
        StepKind.Save => new JsonObject { ["save"] = step.Name },
        StepKind.Load => new JsonObject { ["load"] = step.Name },
        StepKind.FreezeTo => new JsonObject { ["freezeTo"] = step.Groups },
        _ => new JsonObject { ["tta"] = step.Enabled },
    };

    private static JsonObject Fit(StepDraft step)
    {
        var rates = ParseRates(step.LearningRates) ?? [];
        var fit = new JsonObject
        {
            ["lr"] = rates.Count == 1 ? JsonValue.Create(rates[0]) : new JsonArray(rates.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["cycles"] = step.Cycles,
        };
        if (step.CycleLength is { } length) fit["cycleLen"] = length;
        fit["cycleMult"] = step.CycleMult;
        if (step.OneCycle) fit["oneCycle"] = true;
        return fit;
    }

    private static StepDraft FromStep(RecipeStep step) => step switch
    {
        LrFindStep finder => StepDraft.LrFind(finder.MaxIterations, finder.Suggestion),
        FitStep fit => StepDraft.Fit(FormatRates(fit.LearningRates), fit.Cycles, fit.CycleLength, fit.CycleMult, fit.OneCycle),
        FineTuneStep fineTune => StepDraft.FineTune(fineTune.Epochs, fineTune.BaseLearningRate, fineTune.FreezeEpochs),
        PrecomputeStep precompute => StepDraft.Switch(StepKind.Precompute, precompute.Enabled),
        UnfreezeStep unfreeze => StepDraft.Switch(StepKind.Unfreeze, unfreeze.Unfreeze),
        SaveStep save => StepDraft.Named(StepKind.Save, save.Name),
        LoadStep load => StepDraft.Named(StepKind.Load, load.Name),
        FreezeToStep freezeTo => new StepDraft { Kind = StepKind.FreezeTo, Groups = freezeTo.Groups },
        TtaStep tta => StepDraft.Switch(StepKind.Tta, tta.Enabled),
        _ => throw new NotSupportedException($"step {step.GetType().Name} has no form"),
    };
}
