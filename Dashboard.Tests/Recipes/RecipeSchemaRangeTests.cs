using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Recipes;

/// <summary>
/// Every range and every enum the schema states, read from the schema, against the parser's own reads: the bounds and
/// each named value are accepted, one past a bound and an unknown name are refused, at the same field.
/// </summary>
public class RecipeSchemaRangeTests
{
    /// <summary>Where each part of the schema sits in a recipe: a template with the field in place of VALUE, and its path.</summary>
    private static readonly (string Def, string Template, string Path)[] Places =
    [
        ("", """{"data":{"path":"demo"},"weights":"w.pth","steps":[{"tta":true}],"NAME":VALUE}""", "$"),
        ("data", """{"data":{"path":"demo","NAME":VALUE},"steps":[{"tta":true}]}""", "$.data"),
        ("step", """{"data":{"path":"demo"},"steps":[{"NAME":VALUE}]}""", "$.steps[0]"),
        ("lrFind", """{"data":{"path":"demo"},"steps":[{"lrFind":{"NAME":VALUE}}]}""", "$.steps[0].lrFind"),
        ("fit", """{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"NAME":VALUE}}]}""", "$.steps[0].fit"),
        ("fineTune", """{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":1,"NAME":VALUE}}]}""", "$.steps[0].fineTune"),
        ("saveBest", """{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":{"name":"b","NAME":VALUE}}}]}""", "$.steps[0].fit.saveBest"),
    ];

    public static TheoryData<string, string, bool> Cases()
    {
        var cases = new TheoryData<string, string, bool>();
        var schema = RecipeSchema.Document();
        foreach (var (def, template, path) in Places)
        {
            var owner = def == "" ? schema : schema["$defs"]![def]!;
            foreach (var (name, property) in owner["properties"]!.AsObject())
            {
                var own = template.Replace($"\"{name}\":1,", "").Replace($"\"{name}\":0.01,", "").Replace($"\"{name}\":\"b\",", ""); // a field the template fixes
                string Recipe(string value) => own.Replace("NAME", name).Replace("VALUE", value);
                var field = $"{path}.{name}";
                if (property!["minimum"] is { } min && property["maximum"] is { } max)
                {
                    bool whole = property["type"]!.GetValue<string>() == "integer";
                    double low = min.GetValue<double>(), high = max.GetValue<double>(), step = whole ? 1 : Math.Max(high * 1e-3, 1e-3);
                    cases.Add(Recipe(Text(low)), field, true);
                    cases.Add(Recipe(Text(high)), field, true);
                    cases.Add(Recipe(Text(whole ? low - 1 : low / 2)), field, false);
                    cases.Add(Recipe(Text(high + step)), field, false);
                }
                if (property["enum"] is JsonArray names)
                {
                    foreach (var value in names) cases.Add(Recipe($"\"{value}\""), field, true);
                    cases.Add(Recipe("\"no-such-name\""), field, false);
                }
            }
        }
        return cases;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_schema_range_or_enum_is_the_parsers(string json, string field, bool accepted)
    {
        if (accepted)
        {
            RecipeParser.ParseWithoutSchema(json);
            Assert.Null(RecipeSchema.Check(System.Text.Json.JsonDocument.Parse(json).RootElement));
            return;
        }
        var own = Assert.Throws<RecipeException>(() => RecipeParser.ParseWithoutSchema(json));
        var schema = RecipeSchema.Check(System.Text.Json.JsonDocument.Parse(json).RootElement);
        Assert.Equal(field, own.Field);
        Assert.Equal(own.Message, schema?.Message);
    }

    [Fact]
    public void Every_place_of_the_schema_has_cases() =>
        Assert.All(Places, place => Assert.Contains(Cases(), row => ((string)row[1]).StartsWith(place.Path + ".")));
}
