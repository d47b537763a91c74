using System.Text.Json;

namespace Dashboard.Training.Recipes;

/// <summary>
/// Reads a recipe from JSON (camelCase) and validates it completely, so a typo fails in milliseconds with the
/// field named, not an hour into a fit: first against <see cref="RecipeSchema"/> (types, required fields, enums, ranges),
/// then what a schema cannot say (rates per layer group, endLr above startLr, weights for resnet34/50).
/// </summary>
public static class RecipeParser
{
    public static readonly string[] Architectures = ["resnet18", "resnet34", "resnet50"];
    public static readonly string[] Augmentations = ["none", "side_on", "top_down"];
    public static readonly string[] Optimizers = ["sgd", "adam"];

    /// <summary>What recipe files may contain besides JSON: comments and trailing commas.</summary>
    public static readonly JsonDocumentOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static Recipe Parse(string json) => Parse(json, checkSchema: true);

    /// <summary>The parser's own typed reads alone, without the schema first (tests compare the two).</summary>
    internal static Recipe ParseWithoutSchema(string json) => Parse(json, checkSchema: false);

    private static Recipe Parse(string json, bool checkSchema)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, ReaderOptions); }
        catch (JsonException e) { throw new RecipeException("$", $"not valid JSON ({e.Message})"); }
        using (document)
        {
            if (checkSchema && RecipeSchema.Check(document.RootElement) is { } structural) throw structural;
            return Read(new JsonFields(document.RootElement, "$"));
        }
    }

    private static Recipe Read(JsonFields root)
    {
        root.AllowOnly("data", "arch", "precompute", "seed", "steps", "weights", "optimizer", "trainFrozenBatchNorm", "precision");
        var recipe = new Recipe(
            ReadData(root.Object("data")),
            root.OneOf("arch", Architectures, "resnet18"),
            root.Bool("precompute", false),
            root.Int("seed", 0, 0, int.MaxValue),
            root.Array("steps").Select(RecipeStepReader.Read).ToArray(),
            root.OptionalString("weights"),
            root.OneOf("optimizer", Optimizers, "sgd"),
            root.Bool("trainFrozenBatchNorm", false),
            root.OneOf("precision", [.. Precision.TrainingPrecisionNames.ByName.Keys], "fp32"));
        if (recipe.Steps.Count == 0) throw new RecipeException("$.steps", "needs at least one step");
        if (recipe.Arch != "resnet18" && recipe.Weights is null)
            throw new RecipeException("$.weights", $"{recipe.Arch} needs a weights file (.pth or .safetensors); only resnet18 ships pretrained");
        RecipeChecks.AgainstModel(recipe, Models.Backbones.LayerGroupCount(recipe.Arch), hasBatchNorm: true);
        return recipe;
    }

    private static RecipeData ReadData(JsonFields data)
    {
        data.AllowOnly("path", "size", "batchSize", "augment", "maxZoom");
        return new RecipeData(
            data.RequiredString("path"),
            data.Int("size", 224, 16, 1024),
            data.Int("batchSize", 32, 1, 1024),
            data.OneOf("augment", Augmentations, "side_on"),
            data.Double("maxZoom", 1.1, 1.0, 4.0));
    }
}
