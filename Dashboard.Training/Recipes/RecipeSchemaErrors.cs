using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Dashboard.Training.Recipes;

/// <summary>
/// Turns a failed schema evaluation into the parser's kind of error: the JSON path of the field (<c>$.steps[0].fit.lr</c>)
/// and a reason read from the schema itself (its range, its enum, its field names). Of a <c>oneOf</c> (a rate or a list
/// of rates, a name or an object) only the branch of the value's own JSON type is reported. Unknown fields come first,
/// as the parser checks them first.
/// </summary>
internal static class RecipeSchemaErrors
{
    private sealed record Failure(string Pointer, string Keyword, JsonNode Schema, int Rank);

    /// <summary>Keywords in the order the parser checks them on one value.</summary>
    private static readonly string[] KeywordOrder =
        ["additionalProperties", "maxProperties", "minProperties", "type", "required", "minLength", "pattern", "enum", "minItems", "exclusiveMinimum", "minimum", "maximum"];

    public static RecipeException First(EvaluationResults results, JsonElement instance, JsonNode schema)
    {
        var failures = new List<Failure>();
        Collect(results, schema, failures);
        var first = failures.OrderBy(f => f.Rank).FirstOrDefault()
            ?? throw new InvalidOperationException("The recipe schema refused a recipe without saying where.");
        return Describe(first, instance);
    }

    /// <summary>Depth-first, as the parser reads: an object's unknown fields (shallowest first), then its values, then what it lacks.</summary>
    private static void Collect(EvaluationResults node, JsonNode schema, List<Failure> failures)
    {
        if (node.IsValid) return;
        var pointer = node.InstanceLocation.ToString();
        var subschema = Resolve(schema, node.SchemaLocation);
        var children = (node.Details ?? []).Where(d => !d.IsValid).ToArray();
        var own = (node.Errors?.Keys.ToArray() ?? []).Where(KeywordOrder.Contains).ToList();
        if (children.Any(IsFalseSchemaOfAdditional) && !own.Contains("additionalProperties")) own.Add("additionalProperties");
        int depth = pointer.Count(c => c == '/');
        foreach (var keyword in own.Where(k => k != "required").OrderBy(k => Array.IndexOf(KeywordOrder, k)))
            failures.Add(new Failure(pointer, keyword, subschema, IsUnknownField(keyword) ? depth : int.MaxValue));
        var branches = children.Where(IsBranch).ToArray();
        if (branches.Length > 0) Collect(branches.FirstOrDefault(b => !FailsOnType(b)) ?? branches[0], schema, failures);
        foreach (var child in children.Where(c => !IsBranch(c) && !IsFalseSchemaOfAdditional(c))) Collect(child, schema, failures);
        if (own.Contains("required")) failures.Add(new Failure(pointer, "required", subschema, int.MaxValue));
    }

    private static bool IsUnknownField(string keyword) => keyword is "additionalProperties" or "maxProperties" or "minProperties";

    private static string LastSegment(EvaluationResults node) => node.EvaluationPath.ToString().Split('/')[^1];

    private static string SecondLastSegment(EvaluationResults node)
    {
        var parts = node.EvaluationPath.ToString().Split('/');
        return parts.Length >= 2 ? parts[^2] : "";
    }

    private static bool IsBranch(EvaluationResults node) => SecondLastSegment(node) is "oneOf" or "anyOf";

    private static bool IsFalseSchemaOfAdditional(EvaluationResults node) => LastSegment(node) == "additionalProperties";

    /// <summary>Whether the value is not of the branch's JSON type (looking through <c>$ref</c>).</summary>
    private static bool FailsOnType(EvaluationResults node) =>
        (node.Errors?.ContainsKey("type") ?? false)
        || (node.Details ?? []).Any(d => !d.IsValid && LastSegment(d) == "$ref" && d.InstanceLocation.ToString() == node.InstanceLocation.ToString() && FailsOnType(d));

    /// <summary>The subschema a result is about: its location's fragment, a JSON pointer into the schema document.</summary>
    private static JsonNode Resolve(JsonNode schema, Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        JsonNode? node = schema;
        foreach (var segment in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape))
            node = node switch
            {
                JsonArray array => int.TryParse(segment, CultureInfo.InvariantCulture, out int i) && i < array.Count ? array[i] : null,
                JsonObject obj => obj[segment],
                _ => null,
            };
        return node ?? schema;
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    private static RecipeException Describe(Failure failure, JsonElement instance)
    {
        var (path, value) = Locate(instance, failure.Pointer);
        var schema = failure.Schema;
        return failure.Keyword switch
        {
            "additionalProperties" or "maxProperties" or "minProperties" when schema["maxProperties"]?.GetValue<int>() == 1 =>
                new RecipeException(path, $"a step is an object with one key, one of {Names(schema)}; got {{{string.Join(", ", PropertyNames(value))}}}"),
            "additionalProperties" => new RecipeException($"{path}.{PropertyNames(value).First(n => schema["properties"]?[n] is null)}",
                $"unknown field; expected one of {Names(schema)}"),
            "required" => new RecipeException($"{path}.{Required(schema).First(n => !PropertyNames(value).Contains(n))}", "is required"),
            "type" => new RecipeException(path, TypeReason(schema["type"]?.GetValue<string>())),
            "minLength" => new RecipeException(path, "must be a non-empty string"),
            "pattern" when schema["pattern"]?.GetValue<string>() == "\\S" => new RecipeException(path, "must be a non-empty string"),
            "pattern" => new RecipeException(path, $"'{value.GetString()}' must be {schema["description"]?.GetValue<string>()?.TrimEnd('.')}"),
            "enum" => new RecipeException(path, $"'{value.GetString()}' is not one of {string.Join(", ", schema["enum"]!.AsArray().Select(e => e!.GetValue<string>()))}"),
            "minItems" => new RecipeException(path, "needs at least one step"),
            _ when schema["exclusiveMinimum"] is { } low =>
                new RecipeException(path, $"a learning rate must be > {Number(low)} and ≤ {Number(schema["maximum"])}, not {Text(value.GetDouble())}"),
            _ => new RecipeException(path, $"must be between {Number(schema["minimum"])} and {Number(schema["maximum"])}, not {Text(value.GetDouble())}"),
        };
    }

    private static string TypeReason(string? type) => type switch
    {
        "object" => "must be an object",
        "array" => "must be an array",
        "string" => "must be a non-empty string",
        "integer" => "must be a whole number",
        "boolean" => "must be true or false",
        _ => "must be a number",
    };

    /// <summary>The parser's path of a JSON pointer (<c>/steps/0/fit</c> → <c>$.steps[0].fit</c>) and the value there.</summary>
    private static (string Path, JsonElement Value) Locate(JsonElement instance, string pointer)
    {
        var path = "$";
        var value = instance;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape))
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                int index = int.Parse(segment, CultureInfo.InvariantCulture);
                (path, value) = ($"{path}[{index}]", value[index]);
            }
            else (path, value) = ($"{path}.{segment}", value.GetProperty(segment));
        }
        return (path, value);
    }

    private static IEnumerable<string> PropertyNames(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => p.Name) : [];

    private static string Names(JsonNode schema) => string.Join(", ", schema["properties"]!.AsObject().Select(p => p.Key));

    private static IEnumerable<string> Required(JsonNode schema) => schema["required"]!.AsArray().Select(n => n!.GetValue<string>());

    private static string Number(JsonNode? node) => Text(node!.GetValue<double>());

    private static string Text(double number) => number.ToString(CultureInfo.InvariantCulture);
}
