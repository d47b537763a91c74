using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Dashboard.Training.Recipes;

/// <summary>
/// The recipe's structural rules (types, required fields, enums, ranges) as one JSON Schema, <c>recipe.schema.json</c>,
/// embedded here and served at <c>/api/recipe.schema.json</c>. <see cref="RecipeParser"/> checks every recipe against it
/// first, so the form, the CLI and the API refuse the same recipes with the same field path and reason; what a schema
/// cannot say (layer-group counts, endLr above startLr, weights for resnet34/50, data roots) stays in code.
/// </summary>
public static class RecipeSchema
{
    public const string ResourceName = "recipe.schema.json";

    /// <summary>The schema file as it is embedded.</summary>
    public static string Text { get; } = ReadResource();

    /// <summary>The schema as a tree, to read its enums and ranges (a copy per call: callers may change it).</summary>
    public static JsonObject Document() => JsonNode.Parse(Text)!.AsObject();

    private static readonly JsonNode Tree = Document();
    private static readonly JsonSchema Schema = JsonSchema.FromText(Text);
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>
    /// The first structural problem of <paramref name="recipe"/> as the parser reports it (field path + reason), or null.
    /// A valid recipe is checked once without details; only a refused one is evaluated again to say where.
    /// </summary>
    public static RecipeException? Check(JsonElement recipe)
    {
        var instance = JsonNullFields.Without(recipe, Tree["$defs"]!["step"]!["properties"]!);
        if (Schema.Evaluate(instance, Flag).IsValid) return null;
        return RecipeSchemaErrors.First(Schema.Evaluate(instance, Hierarchical), instance, Tree);
    }

    private static string ReadResource()
    {
        using var stream = typeof(RecipeSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// The parser reads a null field as absent (its default, or "is required"); the schema is given the recipe the same way.
/// A step's own key stays even when null, so <c>{"tta": null}</c> is still one step named tta, with its default value.
/// </summary>
internal static class JsonNullFields
{
    public static JsonElement Without(JsonElement recipe, JsonNode stepProperties)
    {
        if (!HasNull(recipe)) return recipe;
        var node = JsonNode.Parse(recipe.GetRawText(), documentOptions: RecipeParser.ReaderOptions);
        if (node is JsonObject root)
        {
            Strip(root, keepKeys: false);
            if (root["steps"] is JsonArray steps)
                foreach (var step in steps.OfType<JsonObject>())
                {
                    Strip(step, keepKeys: true);
                    if (step.Count == 1 && step.First() is { Value: null, Key: var name } && stepProperties[name]?["default"] is { } fallback)
                        step[name] = fallback.DeepClone();
                }
        }
        return JsonSerializer.SerializeToElement(node);
    }

    private static bool HasNull(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => element.EnumerateObject().Any(p => HasNull(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasNull),
        _ => false,
    };

    private static void Strip(JsonNode? node, bool keepKeys)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!keepKeys) foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToArray()) obj.Remove(name);
                foreach (var (name, value) in obj.ToArray())
                    if (!(obj.Parent is null && name == "steps")) Strip(value, keepKeys: false);
                break;
            case JsonArray array:
                foreach (var item in array) Strip(item, keepKeys: false);
                break;
        }
    }
}
