using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Training.Recipes;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>
/// The recipe schema (<see cref="RecipeSchema"/>, the one file the parser checks against) as document components:
/// <c>Recipe</c> for the root and <c>Recipe…</c> for each of its <c>$defs</c>, with its <c>$ref</c>s pointing at them.
/// </summary>
public static class RecipeSchemaComponents
{
    public const string RootName = "Recipe";

    public static void AddTo(OpenApiDocument document)
    {
        var tree = RecipeSchema.Document();
        var schemas = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, definition) in tree["$defs"]!.AsObject()) schemas[ComponentName(name)] = Convert(definition!, document);
        tree.Remove("$defs");
        tree.Remove("$schema");
        var root = (OpenApiSchema)Convert(tree, document);
        root.Description += $" Published as JSON Schema (draft 2020-12) at {RecipeSchemaEndpoint.Path}.";
        schemas[RootName] = root;
    }

    public static string ComponentName(string definition) => RootName + char.ToUpperInvariant(definition[0]) + definition[1..];

    private static IOpenApiSchema Convert(JsonNode node, OpenApiDocument document)
    {
        if (node["$ref"] is { } reference)
            return new OpenApiSchemaReference(ComponentName(reference.GetValue<string>().Split('/')[^1]), document)
            {
                Description = node["description"]?.GetValue<string>(),
                Default = node["default"]?.DeepClone(),
            };
        var schema = new OpenApiSchema
        {
            Title = node["title"]?.GetValue<string>(),
            Description = node["description"]?.GetValue<string>(),
            Type = node["type"] is { } type ? TypeOf(type.GetValue<string>()) : null,
            Default = node["default"]?.DeepClone(),
            Enum = node["enum"]?.AsArray().Select(e => e!.DeepClone()).ToList(),
            Minimum = Number(node["minimum"]),
            Maximum = Number(node["maximum"]),
            ExclusiveMinimum = Number(node["exclusiveMinimum"]),
            MinItems = node["minItems"]?.GetValue<int>(),
            MinLength = node["minLength"]?.GetValue<int>(),
            MinProperties = node["minProperties"]?.GetValue<int>(),
            MaxProperties = node["maxProperties"]?.GetValue<int>(),
            Pattern = node["pattern"]?.GetValue<string>(),
            AdditionalPropertiesAllowed = node["additionalProperties"]?.GetValue<bool>() ?? true,
            Required = node["required"] is JsonArray required ? new HashSet<string>(required.Select(r => r!.GetValue<string>())) : null,
            Items = node["items"] is { } items ? Convert(items, document) : null,
            OneOf = node["oneOf"]?.AsArray().Select(b => Convert(b!, document)).ToList(),
            Properties = node["properties"]?.AsObject().ToDictionary(p => p.Key, p => Convert(p.Value!, document)),
        };
        return schema;
    }

    private static JsonSchemaType TypeOf(string type) => type switch
    {
        "object" => JsonSchemaType.Object,
        "array" => JsonSchemaType.Array,
        "string" => JsonSchemaType.String,
        "integer" => JsonSchemaType.Integer,
        "boolean" => JsonSchemaType.Boolean,
        _ => JsonSchemaType.Number,
    };

    private static string? Number(JsonNode? node) => node is null ? null : node.GetValue<double>().ToString("R", CultureInfo.InvariantCulture);
}
