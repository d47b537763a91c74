using System.Text.Json;

namespace Dashboard.Training.Recipes;

/// <summary>Typed, validated reads from one JSON object; every error names the JSON path of the field.</summary>
internal sealed class JsonFields
{
    private readonly JsonElement element;

    public JsonFields(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new RecipeException(path, "must be an object");
        this.element = element;
        Path = path;
    }

    public string Path { get; }

    public IReadOnlyList<string> Names() => element.EnumerateObject().Select(p => p.Name).ToArray();

    public bool IsObject(string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object;

    public bool Has(string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public void AllowOnly(params string[] names)
    {
        var unknown = Names().FirstOrDefault(n => !names.Contains(n));
        if (unknown != null) throw new RecipeException($"{Path}.{unknown}", $"unknown field; expected one of {string.Join(", ", names)}");
    }

    public JsonFields Object(string name) => new(Required(name), $"{Path}.{name}");

    public IEnumerable<JsonFields> Array(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array) throw new RecipeException($"{Path}.{name}", "must be an array");
        return value.EnumerateArray().Select((item, i) => new JsonFields(item, $"{Path}.{name}[{i}]"));
    }

    public bool Bool(string name, bool fallback)
    {
        if (!Has(name)) return fallback;
        var value = element.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RecipeException($"{Path}.{name}", "must be true or false"),
        };
    }

    public int Int(string name, int fallback, int min, int max) => Has(name) ? RequiredInt(name, min, max) : fallback;

    public int RequiredInt(string name, int min, int max)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number != Math.Floor(number))
            throw new RecipeException($"{Path}.{name}", "must be a whole number");
        if (number < min || number > max) throw new RecipeException($"{Path}.{name}", $"must be between {min} and {max}, not {Text(number)}");
        return (int)number;
    }

    public double Double(string name, double fallback, double min, double max) =>
        Has(name) ? Number(element.GetProperty(name), $"{Path}.{name}", min, max) : fallback;

    public string RequiredString(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw new RecipeException($"{Path}.{name}", "must be a non-empty string");
        return value.GetString()!;
    }

    public string? OptionalString(string name) => Has(name) ? RequiredString(name) : null;

    public string OneOf(string name, IReadOnlyList<string> allowed, string fallback)
    {
        if (!Has(name)) return fallback;
        var value = RequiredString(name);
        return allowed.Contains(value) ? value : throw new RecipeException($"{Path}.{name}", $"'{value}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>A checkpoint name: letters, digits, '_', '-', '.'; no path separators.</summary>
    public string Name(string name)
    {
        var value = RequiredString(name);
        return Learning.Checkpoints.IsSafeName(value) ? value : throw new RecipeException($"{Path}.{name}", $"'{value}' must be 1-100 letters, digits, '_', '-' or '.', not starting with '.'");
    }

    /// <summary>One learning rate or an array of them, each in (0, 10].</summary>
    public IReadOnlyList<double> Rates(string name)
    {
        var value = Required(name);
        var path = $"{Path}.{name}";
        if (value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Select((item, i) => Rate(item, $"{path}[{i}]")).ToArray();
        return [Rate(value, path)];
    }

    /// <summary>One learning rate in (0, 10]; <paramref name="fallback"/> when absent.</summary>
    public double Rate(string name, double fallback) => Has(name) ? Rate(Required(name), $"{Path}.{name}") : fallback;

    /// <summary>The largest learning rate a recipe may ask for.</summary>
    public const double MaxRate = 10;

    private static double Rate(JsonElement value, string path)
    {
        double rate = Number(value, path);
        return rate > 0 && rate <= MaxRate ? rate
            : throw new RecipeException(path, $"a learning rate must be > 0 and ≤ {Text(MaxRate)}, not {Text(rate)}");
    }

    private static double Number(JsonElement value, string path, double min, double max)
    {
        double number = Number(value, path);
        if (number < min || number > max) throw new RecipeException(path, $"must be between {Text(min)} and {Text(max)}, not {Text(number)}");
        return number;
    }

    private static double Number(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new RecipeException(path, "must be a number");

    private static string Text(double number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private JsonElement Required(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : throw new RecipeException($"{Path}.{name}", "is required");
}
