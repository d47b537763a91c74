using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Recipes;

public class RecipeParserTests
{
    public const string LessonRecipe = """
        { "data": { "path": "demo", "size": 224, "batchSize": 32, "augment": "side_on", "maxZoom": 1.1 },
          "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"lrFind": {}}, {"fit": {"lr": 0.01, "cycles": 1}}, {"precompute": false},
                     {"fit": {"lr": 0.01, "cycles": 3, "cycleLen": 1}}, {"save": "224_lastlayer"}, {"unfreeze": true},
                     {"fit": {"lr": [1e-4, 1e-3, 1e-2], "cycles": 3, "cycleLen": 1, "cycleMult": 2}}, {"tta": true} ] }
        """;

    [Fact]
    public void The_lesson_recipe_parses_into_its_steps()
    {
        var recipe = RecipeParser.Parse(LessonRecipe);

        Assert.Equal(new RecipeData("demo", 224, 32, "side_on", 1.1), recipe.Data);
        Assert.True(recipe.Precompute);
        Assert.Equal(8, recipe.Steps.Count);
        Assert.IsType<LrFindStep>(recipe.Steps[0]);
        Assert.Equal(new PrecomputeStep(false), recipe.Steps[2]);
        var last = Assert.IsType<FitStep>(recipe.Steps[6]);
        Assert.Equal(new[] { 1e-4, 1e-3, 1e-2 }, last.LearningRates);
        Assert.Equal((3, 1, 2), (last.Cycles, last.CycleLength!.Value, last.CycleMult));
        Assert.Null(Assert.IsType<FitStep>(recipe.Steps[1]).CycleLength);
        Assert.Equal(new SaveStep("224_lastlayer"), recipe.Steps[4]);
    }

    [Theory]
    [InlineData("valley")]
    [InlineData("slide")]
    [InlineData("minimum")]
    [InlineData("steep")]
    public void An_lr_find_step_names_its_suggestion_method(string method)
    {
        var recipe = RecipeParser.Parse($$$"""{"data":{"path":"demo"},"steps":[{"lrFind":{"suggestion":"{{{method}}}"}},{"lrFind":{}}]}""");

        Assert.Equal(method, Assert.IsType<LrFindStep>(recipe.Steps[0]).Suggestion);
        Assert.Equal("valley", Assert.IsType<LrFindStep>(recipe.Steps[1]).Suggestion);
    }

    [Fact]
    public void A_fine_tune_step_reads_fastai_v2s_arguments_with_its_defaults()
    {
        var recipe = RecipeParser.Parse("""
            {"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":4,"baseLr":0.004,"freezeEpochs":0}},{"fineTune":{"epochs":1}}]}
            """);

        Assert.Equal(new FineTuneStep(4, 0.004, 0), recipe.Steps[0]);
        Assert.Equal(new FineTuneStep(1, 2e-3, 1), recipe.Steps[1]);
    }

    [Theory]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fitt":{"lr":0.01}}]}""", "$.steps[0]")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":-0.01}}]}""", "$.steps[0].fit.lr")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":[0.01,0.1]}}]}""", "$.steps[0].fit.lr")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":[0.01,-1,0.1]}}]}""", "$.steps[0].fit.lr[1]")]
    [InlineData("""{"data":{},"steps":[{"tta":true}]}""", "$.data.path")]
    [InlineData("""{"data":{"path":"demo","size":8},"steps":[{"tta":true}]}""", "$.data.size")]
    [InlineData("""{"data":{"path":"demo","augment":"sideways"},"steps":[{"tta":true}]}""", "$.data.augment")]
    [InlineData("""{"data":{"path":"demo"},"arch":"vgg16","steps":[{"tta":true}]}""", "$.arch")]
    [InlineData("""{"data":{"path":"demo"},"steps":[]}""", "$.steps")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"save":"../x"}]}""", "$.steps[0].save")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"cycles":0}}]}""", "$.steps[0].fit.cycles")]
    [InlineData("""{"data":{"path":"demo"},"stepz":[]}""", "$.stepz")]
    [InlineData("""{"data":{"path":"demo"},"arch":"resnet34","steps":[{"tta":true}]}""", "$.weights")]
    [InlineData("""{"data":""", "$")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":{"name":"best","monitor":"f1"}}}]}""", "$.steps[0].fit.saveBest.monitor")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":"../best"}}]}""", "$.steps[0].fit.saveBest")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0.01,"saveBest":{"monitor":"accuracy"}}}]}""", "$.steps[0].fit.saveBest.name")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"bnFreeze":"yes"}]}""", "$.steps[0].bnFreeze")]
    [InlineData("""{"data":{"path":"demo"},"trainFrozenBatchNorm":1,"steps":[{"tta":true}]}""", "$.trainFrozenBatchNorm")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"tta":true},{"lrFind":{"suggestion":"steepest"}}]}""", "$.steps[1].lrFind.suggestion")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":0}}]}""", "$.steps[0].fineTune.epochs")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":-2}}]}""", "$.steps[0].fineTune.epochs")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":1001}}]}""", "$.steps[0].fineTune.epochs")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{}}]}""", "$.steps[0].fineTune.epochs")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"baseLr":0}}]}""", "$.steps[0].fineTune.baseLr")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"baseLr":11}}]}""", "$.steps[0].fineTune.baseLr")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"freezeEpochs":-1}}]}""", "$.steps[0].fineTune.freezeEpochs")]
    [InlineData("""{"data":{"path":"demo"},"steps":[{"fineTune":{"epochs":2,"lr":0.01}}]}""", "$.steps[0].fineTune.lr")]
    public void An_invalid_recipe_is_rejected_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<RecipeException>(() => RecipeParser.Parse(json));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message);
    }

    [Fact]
    public void Save_best_bn_freeze_and_train_frozen_batchnorm_parse_with_fastai_07_defaults()
    {
        var recipe = RecipeParser.Parse("""
            { "data": {"path": "demo"}, "trainFrozenBatchNorm": true,
              "steps": [ {"fit": {"lr": 0.01, "saveBest": "best"}}, {"bnFreeze": true},
                         {"fit": {"lr": 0.01, "saveBest": {"name": "low", "monitor": "validLoss"}}}, {"fit": {"lr": 0.01}} ] }
            """);

        Assert.True(recipe.TrainFrozenBatchNorm);
        Assert.Equal(new SaveBestOptions("best", BestEpochMonitor.Accuracy), Assert.IsType<FitStep>(recipe.Steps[0]).SaveBest);
        Assert.Equal(new BatchNormFreezeStep(true), recipe.Steps[1]);
        Assert.Equal(new SaveBestOptions("low", BestEpochMonitor.ValidLoss), Assert.IsType<FitStep>(recipe.Steps[2]).SaveBest);
        Assert.Null(Assert.IsType<FitStep>(recipe.Steps[3]).SaveBest);
        Assert.False(RecipeParser.Parse("""{"data":{"path":"demo"},"steps":[{"tta":true}]}""").TrainFrozenBatchNorm);
    }

    [Fact]
    public void Differential_rates_are_checked_against_the_architectures_layer_groups()
    {
        var error = Assert.Throws<RecipeException>(() => RecipeParser.Parse("""{"data":{"path":"demo"},"steps":[{"tta":true},{"fit":{"lr":[0.01,0.1]}}]}"""));

        Assert.Equal("$.steps[1].fit.lr", error.Field);
        Assert.Contains("3 (one per layer group of resnet18: early body, late body, head), not 2", error.Message);
    }
}
