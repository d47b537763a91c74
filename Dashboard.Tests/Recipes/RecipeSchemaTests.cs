using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Components.Recipes;
using Dashboard.Tests.Server;
using Dashboard.Training.Learning;
using Dashboard.Training.Precision;
using Dashboard.Training.Recipes;
using Dashboard.Training.Schedules;
using Json.Schema;

namespace Dashboard.Tests.Recipes;

/// <summary>
/// The published recipe schema against the recipe types and the parser's own typed reads (which ran alone before the
/// schema existed): the same recipes pass, the same bad recipes fail at the same field with the same reason.
/// </summary>
public partial class RecipeSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(RecipeSchema.Text);

    private static bool IsValid(string json) =>
        Schema.Evaluate(JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement).IsValid;

    public static TheoryData<string, string> GoodRecipes()
    {
        var recipes = new TheoryData<string, string>
        {
            { "preset lesson 1", RecipeDraftJson.ToJson(RecipePresets.Lesson1()) },
            { "preset one cycle", RecipeDraftJson.ToJson(RecipePresets.OneCycle()) },
            { "preset fine_tune", RecipeDraftJson.ToJson(RecipePresets.FineTune()) },
            { "preset quick demo", RecipeDraftJson.ToJson(RecipePresets.QuickDemo()) },
            { "parser test lesson", RecipeParserTests.LessonRecipe },
            { "tiny quick", TinyRecipes.Quick }, { "tiny four epochs", TinyRecipes.FourEpochs }, { "tiny long", TinyRecipes.Long },
        };
        var readme = File.ReadAllText(Path.Combine(RepositoryFolder.Root(), "README.md"));
        int i = 0;
        foreach (Match block in ReadmeJsonBlock().Matches(readme)) recipes.Add($"README recipe {i++}", block.Groups[1].Value);
        return recipes;
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeJsonBlock();

    [Theory]
    [MemberData(nameof(GoodRecipes))]
    public void Every_preset_and_committed_recipe_satisfies_the_schema_and_parses(string name, string json)
    {
        Assert.True(IsValid(json), $"{name} fails the schema");
        RecipeParser.Parse(json);
    }

    [Fact]
    public void The_readme_has_a_recipe_to_check() => Assert.Contains(GoodRecipes(), row => ((string)row[0]).StartsWith("README"));

    [Theory]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fitt":{"lr":0.01}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01},"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":-0.01}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":1e9}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":"fast"}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":[0.01,-1,0.1]}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{}}]}""")]
    [InlineData("""{"data":{},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"  "},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":3},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":"demo","steps":[{"tta":true}]}""")]
    [InlineData("""{"steps":[{"tta":true}]}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"data":{"path":"demo","size":8},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo","size":2000},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo","size":"big"},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo","maxZoom":5},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo","augment":"sideways"},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo","augment":7},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo","colour":true},"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"arch":"vgg16","steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"precision":"int8","steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"optimizer":"lamb","steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"seed":-1,"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":{"tta":true}}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"save":"../x"}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"save":".hidden"}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"load":""}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"cycles":0}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"cycleMult":11}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"cycles":2.5}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"oneCycle":"yes"}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"stepz":[]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":{"name":"best","monitor":"f1"}}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":"../best"}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":5}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":{"monitor":"accuracy"}}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":{"name":"b","every":1}}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"bnFreeze":"yes"}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"freezeTo":17}]}""")]
    [InlineData("""{"data":{"path":"demo"},"trainFrozenBatchNorm":1,"steps":[{"tta":true}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"tta":true},{"lrFind":{"suggestion":"steepest"}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"lrFind":{"maxIterations":1}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"lrFind":{"startLr":0}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"lrFind":"fast"}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":0}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":1001}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"baseLr":0}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"baseLr":11}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"freezeEpochs":-1}}]}""")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"lr":0.01}}]}""")]
    public void A_structurally_bad_recipe_fails_the_schema_and_the_parsers_own_reads_with_the_same_field_and_reason(string json)
    {
        var own = Assert.Throws<RecipeException>(() => RecipeParser.ParseWithoutSchema(json));

        Assert.False(IsValid(json));
        var schema = RecipeSchema.Check(JsonDocument.Parse(json).RootElement);
        Assert.NotNull(schema);
        Assert.Equal(own.Field, schema.Field);
        Assert.Equal(own.Message, schema.Message);
        Assert.Equal(own.Message, Assert.Throws<RecipeException>(() => RecipeParser.Parse(json)).Message);
    }

    [Theory]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"tta":true},{"fit":{"lr":[0.01,0.1]}}]}""", "$.steps[1].fit.lr")]
    [InlineData("""{"data":{"path":"demo"},"arch":"resnet34","steps":[{"tta":true}]}""", "$.weights")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"lrFind":{"startLr":0.1,"endLr":0.01}}]}""", "$.steps[0].lrFind.endLr")]
    public void What_a_schema_cannot_say_passes_the_schema_and_the_parser_refuses_it(string json, string field)
    {
        Assert.True(IsValid(json));
        Assert.Equal(field, Assert.Throws<RecipeException>(() => RecipeParser.Parse(json)).Field);
    }

    [Fact]
    public void A_null_field_is_absent_to_the_schema_as_to_the_parser()
    {
        const string nulls = """{"data":{"path":"demo","size":null},"seed":null,"weights":null,"steps":[{"tta":null},{"fit":{"lr":0.1,"cycleLen":null}}]}""";
        Assert.Null(RecipeSchema.Check(JsonDocument.Parse(nulls).RootElement));
        var recipe = RecipeParser.Parse(nulls);
        Assert.Equal((224, 0, new TtaStep(true)), (recipe.Data.Size, recipe.Seed, recipe.Steps[0]));

        const string missing = """{"data":{"path":null},"steps":[{"tta":true}]}""";
        Assert.Equal("$.data.path: is required", RecipeSchema.Check(JsonDocument.Parse(missing).RootElement)?.Message);
        Assert.Equal("$.data.path: is required", Assert.Throws<RecipeException>(() => RecipeParser.ParseWithoutSchema(missing)).Message);
    }

    [Fact]
    public void The_schemas_enums_are_the_parsers_names()
    {
        var defs = RecipeSchema.Document()["$defs"]!;
        var root = RecipeSchema.Document()["properties"]!;
        Assert.Equal(RecipeParser.Architectures, Enum(root["arch"]));
        Assert.Equal(RecipeParser.Optimizers, Enum(root["optimizer"]));
        Assert.Equal(TrainingPrecisionNames.ByName.Keys, Enum(root["precision"]));
        Assert.Equal(RecipeParser.Augmentations, Enum(defs["data"]!["properties"]!["augment"]));
        Assert.Equal(LrSuggestions.Methods, Enum(defs["lrFind"]!["properties"]!["suggestion"]));
        Assert.Equal(SaveBestOptions.MonitorNames.Keys, Enum(defs["saveBest"]!["properties"]!["monitor"]));
        Assert.Equal(RecipeStepReader.StepNames, defs["step"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void The_schemas_defaults_are_the_defaults_the_parser_fills_in()
    {
        var recipe = RecipeParser.Parse("""{"data":{"path":"demo"},"steps":[{"lrFind":{}},{"fit":{"lr":0.1}},{"fineTune":{"epochs":1}},{"fit":{"lr":0.1,"saveBest":{"name":"b"}}}]}""");
        var schema = RecipeSchema.Document();
        var defs = schema["$defs"]!;
        JsonNode Default(JsonNode? owner, string name) => owner!["properties"]![name]!["default"]!;
        Assert.Equal(recipe.Arch, Default(schema, "arch").GetValue<string>());
        Assert.Equal(recipe.Precompute, Default(schema, "precompute").GetValue<bool>());
        Assert.Equal(recipe.Seed, Default(schema, "seed").GetValue<int>());
        Assert.Equal(recipe.Optimizer, Default(schema, "optimizer").GetValue<string>());
        Assert.Equal(recipe.Precision, Default(schema, "precision").GetValue<string>());
        Assert.Equal(recipe.TrainFrozenBatchNorm, Default(schema, "trainFrozenBatchNorm").GetValue<bool>());
        Assert.Equal(recipe.Data, new RecipeData("demo", Default(defs["data"], "size").GetValue<int>(), Default(defs["data"], "batchSize").GetValue<int>(),
            Default(defs["data"], "augment").GetValue<string>(), Default(defs["data"], "maxZoom").GetValue<double>()));
        Assert.Equal(recipe.Steps[0], new LrFindStep(Default(defs["lrFind"], "maxIterations").GetValue<int>(), Default(defs["lrFind"], "startLr").GetValue<double>(),
            Default(defs["lrFind"], "endLr").GetValue<double>(), Default(defs["lrFind"], "suggestion").GetValue<string>()));
        var fit = Assert.IsType<FitStep>(recipe.Steps[1]);
        Assert.Equal((fit.Cycles, fit.CycleMult, fit.OneCycle), (Default(defs["fit"], "cycles").GetValue<int>(), Default(defs["fit"], "cycleMult").GetValue<int>(),
            Default(defs["fit"], "oneCycle").GetValue<bool>()));
        Assert.Equal(recipe.Steps[2], new FineTuneStep(1, Default(defs["fineTune"], "baseLr").GetValue<double>(), Default(defs["fineTune"], "freezeEpochs").GetValue<int>()));
        Assert.Equal(Assert.IsType<FitStep>(recipe.Steps[3]).SaveBest!.MonitorName, Default(defs["saveBest"], "monitor").GetValue<string>());
    }

    private static IEnumerable<string> Enum(JsonNode? property) => property!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
}

public class RecipeSchemaSizeTests
{
    [Fact]
    public void A_recipe_of_a_hundred_thousand_steps_is_checked_in_seconds_and_a_bad_last_step_is_found()
    {
        var steps = string.Join(",", Enumerable.Repeat("""{"tta":true}""", 100_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        RecipeParser.Parse($$"""{"data":{"path":"demo"},"steps":[{{steps}}]}""");
        var valid = clock.Elapsed;
        var error = Assert.Throws<RecipeException>(() => RecipeParser.Parse($$"""{"data":{"path":"demo"},"steps":[{{steps}},{"tta":1}]}"""));

        Assert.Equal("$.steps[100000].tta", error.Field);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"valid {valid}, both {clock.Elapsed}");
    }
}
