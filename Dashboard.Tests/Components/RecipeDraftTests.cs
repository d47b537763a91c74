using Dashboard.Components.Recipes;
using Dashboard.Tests.Recipes;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Components;

public class RecipeDraftTests
{
    [Theory]
    [InlineData("$.data.size", "size")]
    [InlineData("$.data.path", "dataset")]
    [InlineData("$.weights", "weights")]
    [InlineData("$.steps", "steps")]
    [InlineData("$.steps[3].fit.lr", "steps[3].lr")]
    [InlineData("$.steps[3].fit.lr[1]", "steps[3].lr")]
    [InlineData("$.steps[0].lrFind.maxIterations", "steps[0].maxIterations")]
    [InlineData("$.steps[0].lrFind.suggestion", "steps[0].suggestion")]
    [InlineData("$.steps[1].fineTune.epochs", "steps[1].epochs")]
    [InlineData("$.steps[1].fineTune.baseLr", "steps[1].baseLr")]
    [InlineData("$.steps[4].save", "steps[4].name")]
    [InlineData("$.steps[2]", "steps[2]")]
    [InlineData("$.steps[2].precompute", "steps[2]")]
    [InlineData("$", "")]
    public void A_parser_error_path_maps_to_its_form_field(string path, string field) =>
        Assert.Equal(field, RecipeValidation.FieldOf(path));

    [Theory]
    [InlineData("steps[3].lr", "step 4: learning rate(s)")]
    [InlineData("steps[0]", "step 1")]
    [InlineData("batchSize", "batch size")]
    [InlineData("steps[2].baseLr", "step 3: base learning rate")]
    [InlineData("steps[2].freezeEpochs", "step 3: freeze epochs")]
    public void A_field_key_reads_as_words(string key, string words) => Assert.Equal(words, RecipeValidation.Describe(key));

    [Fact]
    public void Every_field_with_a_problem_gets_its_message_not_only_the_first()
    {
        var draft = RecipePresets.Lesson1();
        draft.Size = 8;
        draft.Steps[3].LearningRates = "-0.01";
        draft.Steps[6].LearningRates = "1e-4, 1e-2";
        draft.Steps[4].Name = "../escape";

        var errors = RecipeValidation.Validate(draft);

        Assert.Equal(["size", "steps[3].lr", "steps[4].name", "steps[6].lr"], errors.Keys.Order());
    }

    [Fact]
    public void The_lesson_preset_builds_the_lesson_recipe()
    {
        var fromForm = RecipeParser.Parse(RecipeDraftJson.ToJson(RecipePresets.Lesson1()));
        var lesson = RecipeParser.Parse(RecipeParserTests.LessonRecipe);

        Assert.Equal(lesson.Data, fromForm.Data);
        Assert.Equal((lesson.Arch, lesson.Precompute, lesson.Seed), (fromForm.Arch, fromForm.Precompute, fromForm.Seed));
        Assert.Equal(lesson.Steps.Count, fromForm.Steps.Count);
        var fit = Assert.IsType<FitStep>(fromForm.Steps[6]);
        Assert.Equal([1e-4, 1e-3, 1e-2], fit.LearningRates);
        Assert.Equal((3, 1, 2), (fit.Cycles, fit.CycleLength!.Value, fit.CycleMult));
    }

    [Fact]
    public void A_recipe_survives_a_round_trip_through_the_form()
    {
        var lesson = RecipeParser.Parse(RecipeParserTests.LessonRecipe);

        var again = RecipeParser.Parse(RecipeDraftJson.ToJson(RecipeDraftJson.FromRecipe(lesson, "copy")));

        Assert.Equal(lesson.Data, again.Data);
        Assert.Equal(lesson.Steps.Select(s => s.GetType()), again.Steps.Select(s => s.GetType()));
        Assert.Equal(((FitStep)lesson.Steps[6]).LearningRates, ((FitStep)again.Steps[6]).LearningRates);
        Assert.Equal(lesson.Steps[4], again.Steps[4]);
    }

    [Fact]
    public void A_fine_tune_step_and_an_lr_find_suggestion_survive_a_round_trip_through_the_form()
    {
        var recipe = RecipeParser.Parse("""
            {"data":{"path":"demo"},"steps":[{"lrFind":{"maxIterations":50,"suggestion":"slide"}},{"fineTune":{"epochs":3,"baseLr":0.004,"freezeEpochs":2}}]}
            """);

        var again = RecipeParser.Parse(RecipeDraftJson.ToJson(RecipeDraftJson.FromRecipe(recipe, "copy")));

        Assert.Equal(recipe.Steps, again.Steps);
    }

    [Fact]
    public void Precision_and_train_frozen_batch_norm_survive_a_round_trip_through_the_form()
    {
        var recipe = RecipeParser.Parse(
            """{"data":{"path":"demo"},"precision":"bf16","trainFrozenBatchNorm":true,"steps":[{"fit":{"lr":0.01}}]}""");

        var again = RecipeParser.Parse(RecipeDraftJson.ToJson(RecipeDraftJson.FromRecipe(recipe, "copy")));

        Assert.Equal(("bf16", true), (again.Precision, again.TrainFrozenBatchNorm));
        Assert.DoesNotContain("precision", RecipeDraftJson.ToJson(new RecipeDraft())); // fp32 is the default, not written
    }

    [Fact]
    public void The_one_cycle_preset_is_a_valid_recipe_of_one_cycle_fits()
    {
        var draft = RecipePresets.OneCycle();

        Assert.Empty(RecipeValidation.Validate(draft));
        var fits = RecipeParser.Parse(RecipeDraftJson.ToJson(draft)).Steps.OfType<FitStep>().ToArray();
        Assert.Equal([(4, true), (2, true)], fits.Select(f => (f.Cycles, f.OneCycle)));
        Assert.Equal([1e-6, 1e-5, 1e-4], fits[1].LearningRates);
    }

    [Fact]
    public void The_fine_tune_preset_is_a_valid_recipe_with_fastai_v2s_fine_tune()
    {
        var draft = RecipePresets.FineTune();

        Assert.Empty(RecipeValidation.Validate(draft));
        Assert.Equal(new FineTuneStep(4, 2e-3, 1), RecipeParser.Parse(RecipeDraftJson.ToJson(draft)).Steps[^1]);
    }

    [Fact]
    public void A_larger_architecture_without_weights_is_refused_on_the_weights_field()
    {
        var draft = RecipePresets.QuickDemo();
        draft.Arch = "resnet34";

        Assert.Contains("weights", RecipeValidation.Validate(draft).Keys);
    }

    [Theory]
    [InlineData("0.01", new[] { 0.01 })]
    [InlineData("1e-4, 1e-3,1e-2", new[] { 1e-4, 1e-3, 1e-2 })]
    [InlineData("[0.1; 0.2]", new[] { 0.1, 0.2 })]
    public void Rates_are_read_from_text(string text, double[] rates) => Assert.Equal(rates, RecipeDraftJson.ParseRates(text));

    [Fact]
    public void Text_that_is_not_a_number_gives_no_rates() => Assert.Null(RecipeDraftJson.ParseRates("0.01, fast"));
}
