using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Training.Data.Augment;
using Dashboard.Training.Recipes;

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// The seed's lesson as one recipe, which both sides run: <c>fit(1e-2, 1)</c> on precomputed activations;
/// <c>precompute=False</c>; <c>fit(1e-2, 3, cycle_len=1)</c>; <c>unfreeze()</c>;
/// <c>fit([1e-4, 1e-3, 1e-2], 3, cycle_len=1, cycle_mult=2)</c>; <c>TTA()</c>. The short form runs one cycle per fit.
/// </summary>
public static class LessonRecipe
{
    public const double HeadLearningRate = 1e-2;
    public static readonly double[] DifferentialLearningRates = [1e-4, 1e-3, 1e-2];
    private const int FrozenCycles = 3;
    private const int UnfrozenCycles = 3;
    private const int CycleMult = 2;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The recipe in <paramref name="precision"/> (a recipe <c>precision</c> name; fp32 writes none, the default).</summary>
    public static string Json(AccuracyOptions options, string precision = "fp32")
    {
        int frozenCycles = options.Short ? 1 : FrozenCycles, unfrozenCycles = options.Short ? 1 : UnfrozenCycles;
        var recipe = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["path"] = Path.GetFullPath(options.DataFolder), ["size"] = options.Size, ["batchSize"] = options.BatchSize,
                ["augment"] = AugmentationPresetNames.SideOn, ["maxZoom"] = AugmentationOptions.DefaultMaxZoom,
            },
            ["arch"] = "resnet18", ["precompute"] = true, ["seed"] = options.Seed,
            ["steps"] = new JsonArray(
                Fit(HeadLearningRate, 1),
                new JsonObject { ["precompute"] = false },
                Fit(HeadLearningRate, frozenCycles, cycleLength: 1),
                new JsonObject { ["unfreeze"] = true },
                Fit(new JsonArray(DifferentialLearningRates.Select(rate => (JsonNode)rate).ToArray()), unfrozenCycles, cycleLength: 1, CycleMult),
                new JsonObject { ["tta"] = true }),
        };
        if (precision != "fp32") recipe["precision"] = precision;
        return recipe.ToJsonString(Indented);
    }

    /// <summary>How fastai 0.7 would write each fit of the recipe, and whether it trains on precomputed activations.</summary>
    public static IReadOnlyList<string> StageNames(Recipe recipe)
    {
        var names = new List<string>();
        bool precomputed = recipe.Precompute, unfrozen = false;
        foreach (var step in recipe.Steps)
            switch (step)
            {
                case PrecomputeStep p: precomputed = p.Enabled; break;
                case UnfreezeStep u: unfrozen = u.Unfreeze; precomputed &= !u.Unfreeze; break;
                case FitStep fit: names.Add(Describe(fit) + (precomputed ? ", precomputed" : unfrozen ? ", unfrozen" : ", frozen body")); break;
            }
        return names;
    }

    private static string Describe(FitStep fit)
    {
        var rates = fit.LearningRates.Count == 1 ? Number(fit.LearningRates[0]) : $"[{string.Join(", ", fit.LearningRates.Select(Number))}]";
        var text = $"fit({rates}, {fit.Cycles}";
        if (fit.CycleLength is int length) text += $", cycle_len={length}";
        if (fit.CycleMult != 1) text += $", cycle_mult={fit.CycleMult}";
        return text + ")";
    }

    private static string Number(double value) => value.ToString("0.####e0", CultureInfo.InvariantCulture);

    private static JsonObject Fit(JsonNode rates, int cycles, int? cycleLength = null, int cycleMult = 1)
    {
        var fit = new JsonObject { ["lr"] = rates, ["cycles"] = cycles };
        if (cycleLength is int length) fit["cycleLen"] = length;
        if (cycleMult != 1) fit["cycleMult"] = cycleMult;
        return new JsonObject { ["fit"] = fit };
    }
}
