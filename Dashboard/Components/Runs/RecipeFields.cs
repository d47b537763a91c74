using System.Globalization;
using System.Text.Json;
using Dashboard.Training.Recipes;

namespace Dashboard.Components.Runs;

/// <summary>A recipe as named fields in a fixed order (data, model, then each step in a line), for comparing runs side by side.</summary>
public static class RecipeFields
{
    public static IReadOnlyList<(string Field, string Value)> From(string recipeJson)
    {
        Recipe recipe;
        try { recipe = RecipeParser.Parse(recipeJson); }
        catch (RecipeException e) { return [("recipe", "does not parse: " + e.Message)]; }
        var data = recipe.Data;
        List<(string, string)> fields =
        [
            ("arch", recipe.Arch), ("weights", recipe.Weights ?? "default"), ("dataset", data.Path), ("size", Text(data.Size)),
            ("batch size", Text(data.BatchSize)), ("augment", data.Augment), ("max zoom", Text(data.MaxZoom)), ("precision", recipe.Precision),
            ("optimizer", recipe.Optimizer), ("precompute", Text(recipe.Precompute)), ("seed", Text(recipe.Seed)),
        ];
        fields.AddRange(recipe.Steps.Select((step, index) => ($"step {index + 1}", Describe(step))));
        return fields;
    }

    private static string Describe(RecipeStep step) => step switch
    {
        FitStep fit => Invariant($"fit lr {string.Join(" / ", fit.LearningRates.Select(Text))}, cycles {fit.Cycles}")
            + (fit.CycleLength is { } length ? $", cycle length {length}" : "") + (fit.CycleMult != 1 ? $", cycle mult {fit.CycleMult}" : "")
            + (fit.OneCycle ? ", one-cycle" : "") + (fit.SaveBest is null ? "" : ", save best"),
        FineTuneStep tune => Invariant($"fine_tune {tune.Epochs} epochs, base lr {tune.BaseLearningRate}, {tune.FreezeEpochs} frozen"),
        LrFindStep find => Invariant($"lrFind {find.MaxIterations} iterations, {find.StartLearningRate} to {find.EndLearningRate}, {find.Suggestion}"),
        _ => $"{step.KeyName()} {JsonSerializer.Serialize(step, step.GetType(), JsonSerializerOptions.Web)}",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "yes" : "no";
}
