using Dashboard.Components.Runs;

namespace Dashboard.Tests.Components;

/// <summary>The recipe fields the compare view lines up: data and model settings, then one line per step.</summary>
public class RecipeFieldsTests
{
    [Fact]
    public void A_recipe_becomes_named_fields_with_each_step_described_on_one_line()
    {
        var fields = RecipeFields.From("""
            { "data": { "path": "demo", "size": 64, "batchSize": 16 }, "arch": "resnet18", "precompute": true, "seed": 3, // a comment
              "steps": [ {"lrFind": {"maxIterations": 20}}, {"fit": {"lr": [0.0001, 0.001, 0.01], "cycles": 3, "cycleLen": 1, "cycleMult": 2}}, {"save": "stage1"} ] }
            """).ToDictionary(f => f.Field, f => f.Value);

        Assert.Equal(("resnet18", "demo", "64", "16", "yes", "3"),
            (fields["arch"], fields["dataset"], fields["size"], fields["batch size"], fields["precompute"], fields["seed"]));
        Assert.StartsWith("lrFind 20 iterations", fields["step 1"]);
        Assert.Equal("fit lr 0.0001 / 0.001 / 0.01, cycles 3, cycle length 1, cycle mult 2", fields["step 2"]);
        Assert.Contains("stage1", fields["step 3"]);
        Assert.False(fields.ContainsKey("step 4"));
    }

    [Fact]
    public void A_recipe_that_no_longer_parses_is_one_field_saying_why()
    {
        var field = Assert.Single(RecipeFields.From("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":-1}}]}"""));

        Assert.Equal("recipe", field.Field);
        Assert.Contains("does not parse", field.Value);
    }
}
