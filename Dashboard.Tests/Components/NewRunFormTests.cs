using Dashboard.Auth;
using Bunit;
using Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class NewRunFormTests : IAsyncLifetime
{
    private readonly DashboardTestContext context = new();

    // The quick-demo draft the form starts with: 0 lr_find, 1 fit, 2 TTA.
    private const string FitRates = ".field-steps-1-lr";

    [Fact]
    public void A_negative_learning_rate_shows_its_message_on_the_field_and_disables_submit()
    {
        var form = context.Render<NewRun>();

        form.Find($"{FitRates} input").Input("-0.01");

        form.WaitForAssertion(() =>
        {
            Assert.Contains("a learning rate must be > 0 and ≤ 10, not -0.01", form.Find(FitRates).TextContent);
            Assert.True(form.Find("#submit-run").HasAttribute("disabled"));
        });
    }

    [Fact]
    public void Two_learning_rates_are_refused_on_the_field()
    {
        var form = context.Render<NewRun>();

        form.Find($"{FitRates} input").Input("0.001, 0.01");

        form.WaitForAssertion(() => Assert.Contains("give one learning rate or 3", form.Find(FitRates).TextContent));
        Assert.True(form.Find("#submit-run").HasAttribute("disabled"));
    }

    [Fact]
    public void Text_that_is_not_a_rate_is_refused_before_the_parser_runs()
    {
        var form = context.Render<NewRun>();

        form.Find($"{FitRates} input").Input("fast");

        form.WaitForAssertion(() => Assert.Contains("enter a learning rate", form.Find(FitRates).TextContent));
    }

    [Fact]
    public void A_size_out_of_range_shows_the_parsers_message_on_the_size_field()
    {
        var form = context.Render<NewRun>();

        form.Find(".field-size input").Change("8");
        form.Find(".field-size input").Blur(); // MudBlazor validates on blur: the message must survive it

        form.WaitForAssertion(() => Assert.Contains("must be between 16 and 1024", form.Find(".field-size").TextContent));
        Assert.True(form.Find("#submit-run").HasAttribute("disabled"));
        Assert.Contains("image size: must be between 16 and 1024", form.Find("#recipe-errors").TextContent);
    }

    [Fact]
    public void Three_differential_rates_are_accepted()
    {
        var form = context.Render<NewRun>();

        form.Find($"{FitRates} input").Input("1e-4, 1e-3, 1e-2");

        form.WaitForAssertion(() => Assert.False(form.Find("#submit-run").HasAttribute("disabled")));
        Assert.Empty(form.FindAll("#recipe-errors"));
    }

    [Fact]
    public void Submitting_queues_the_run_and_opens_its_page()
    {
        var form = context.Render<NewRun>();

        form.Find("#submit-run").Click();

        var run = Assert.Single(context.Store.List());
        Assert.EndsWith($"/runs/{run.Id}", context.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("\"lrFind\"", run.RecipeJson);
    }

    [Fact]
    public async Task A_viewer_is_refused_in_the_form_and_nothing_is_queued()
    {
        await using var signedIn = new DashboardTestContext(signIn: true);
        signedIn.SignInAs("vera", Roles.Viewer);
        var form = signedIn.Render<NewRun>();

        form.Find("#submit-run").Click();

        form.WaitForAssertion(() => Assert.Contains("may watch runs but not start them", form.Markup));
        Assert.Empty(signedIn.Store.List());
        Assert.DoesNotContain("/runs/", signedIn.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_trainer_signed_in_may_submit_and_owns_the_run()
    {
        await using var signedIn = new DashboardTestContext(signIn: true);
        signedIn.SignInAs("tom", Roles.Trainer);
        var form = signedIn.Render<NewRun>();

        form.Find("#submit-run").Click();

        Assert.Equal("tom", Assert.Single(signedIn.Store.List()).Owner);
    }

    [Fact]
    public void A_second_click_while_submitting_does_not_queue_a_second_run()
    {
        var form = context.Render<NewRun>();
        var submit = form.Find("#submit-run");

        submit.Click();

        var again = form.Find("#submit-run");
        Assert.True(again.HasAttribute("disabled"));
        again.Click(); // reaches the handler, whose single-flight guard ignores it
        Assert.Single(context.Store.List());
    }

    [Fact]
    public void An_invalid_form_queues_nothing()
    {
        var form = context.Render<NewRun>();
        form.Find($"{FitRates} input").Input("-1");

        form.WaitForAssertion(() => Assert.True(form.Find("#submit-run").HasAttribute("disabled")));
        Assert.Empty(context.Store.List());
    }

    [Fact]
    public void The_lesson_preset_fills_eight_steps_with_differential_rates()
    {
        var form = context.Render<NewRun>();

        form.Find("#preset-lesson1").Click();

        form.WaitForAssertion(() => Assert.Equal(8, form.FindAll(".step-editor").Count));
        Assert.Equal("1e-4, 1e-3, 1e-2", form.Find(".field-steps-6-lr input").GetAttribute("value"));
        Assert.False(form.Find("#submit-run").HasAttribute("disabled"));
    }

    [Fact]
    public void A_suggestion_link_starts_from_the_runs_recipe_with_the_suggested_rate()
    {
        var earlier = context.Store.Create("earlier", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/runs/new?from={earlier.Id}&lr=0.003");

        var form = context.Render<NewRun>();

        Assert.Equal(8, form.FindAll(".step-editor").Count);
        Assert.Equal("0.003", form.Find(".field-steps-1-lr input").GetAttribute("value"));
        Assert.Contains("earlier", form.Find(".field-name input").GetAttribute("value"));
    }

    [Fact]
    public void The_one_cycle_preset_renders_its_five_steps_and_may_be_submitted()
    {
        var form = context.Render<NewRun>();

        form.Find("#preset-one-cycle").Click();

        form.WaitForAssertion(() => Assert.Equal(5, form.FindAll(".step-editor").Count));
        Assert.Equal("1e-6, 1e-5, 1e-4", form.Find(".field-steps-4-lr input").GetAttribute("value"));
        Assert.Equal("One cycle (fastai v2)", form.Find("#preset-one-cycle").TextContent.Trim());
        Assert.False(form.Find("#submit-run").HasAttribute("disabled"));
    }

    [Fact]
    public void The_fine_tune_preset_renders_its_fields_and_may_be_submitted()
    {
        var form = context.Render<NewRun>();

        form.Find("#preset-fine-tune").Click();

        form.WaitForAssertion(() => Assert.Equal(2, form.FindAll(".step-editor").Count));
        Assert.Contains("fine_tune", form.FindAll(".step-editor")[1].TextContent);
        Assert.Equal("4", form.Find(".field-steps-1-epochs input").GetAttribute("value"));
        Assert.Equal("1", form.Find(".field-steps-1-freezeEpochs input").GetAttribute("value"));
        Assert.False(form.Find("#submit-run").HasAttribute("disabled"));
    }

    [Fact]
    public void Fine_tune_epochs_out_of_range_show_the_parsers_message_on_the_field()
    {
        var form = context.Render<NewRun>();
        form.Find("#preset-fine-tune").Click();

        form.Find(".field-steps-1-epochs input").Change("0");

        form.WaitForAssertion(() =>
        {
            Assert.Contains("must be between 1 and 1000", form.Find(".field-steps-1-epochs").TextContent);
            Assert.True(form.Find("#submit-run").HasAttribute("disabled"));
        });
    }

    [Fact]
    public void A_per_group_suggestion_link_fills_the_first_fit_after_unfreezing()
    {
        var earlier = context.Store.Create("earlier", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/runs/new?from={earlier.Id}&lr=3E-05%2C0.0003%2C0.003");

        var form = context.Render<NewRun>();

        Assert.Equal("3e-05, 0.0003, 0.003", form.Find(".field-steps-6-lr input").GetAttribute("value"));
        Assert.Equal("0.01", form.Find(".field-steps-1-lr input").GetAttribute("value"));
        Assert.Contains("Step 7 (fit) uses the suggested learning rate(s) 3e-05, 0.0003, 0.003.", form.Markup);
        Assert.False(form.Find("#submit-run").HasAttribute("disabled"));
    }

    [Fact]
    public void Letters_in_the_image_size_are_an_error_and_never_a_size_of_zero()
    {
        var form = context.Render<NewRun>();

        form.Find(".field-size input").Change("abc");
        form.Find(".field-size input").Blur();

        form.WaitForAssertion(() => Assert.Contains("enter a whole number, not \"abc\"", form.Find(".field-size").TextContent));
        Assert.Equal("abc", form.Find(".field-size input").GetAttribute("value"));
        Assert.True(form.Find("#submit-run").HasAttribute("disabled"));
    }

    [Fact]
    public void Every_wrong_field_of_one_step_shows_its_own_message()
    {
        var form = context.Render<NewRun>();

        form.Find(".field-steps-1-cycles input").Change("0");
        form.Find(".field-steps-1-cycleMult input").Change("0");

        form.WaitForAssertion(() =>
        {
            Assert.Contains("must be", form.Find(".field-steps-1-cycles").TextContent);
            Assert.Contains("must be", form.Find(".field-steps-1-cycleMult").TextContent);
        });
        var summary = form.Find("#recipe-errors").TextContent;
        Assert.Contains("step 2: cycles", summary);
        Assert.Contains("step 2: cycle mult", summary);
    }

    [Fact]
    public void Every_wrong_data_setting_shows_its_own_message()
    {
        var form = context.Render<NewRun>();

        form.Find(".field-size input").Change("8");
        form.Find(".field-batchSize input").Change("0");

        form.WaitForAssertion(() =>
        {
            Assert.Contains("must be between 16 and 1024", form.Find(".field-size").TextContent);
            Assert.Contains("must be", form.Find(".field-batchSize").TextContent);
        });
    }

    [Fact]
    public void The_lesson_presets_checkpoint_name_follows_the_image_size()
    {
        var form = context.Render<NewRun>();
        form.Find("#preset-lesson1").Click();

        form.Find(".field-size input").Change("299");

        form.WaitForAssertion(() => Assert.Equal("299_lastlayer", form.Find(".field-steps-4-name input").GetAttribute("value")));
    }

    [Fact]
    public void A_suggested_rate_is_written_with_three_significant_digits_and_may_go_to_every_fit()
    {
        var earlier = context.Store.Create("earlier", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/runs/new?from={earlier.Id}&lr=0.012345678");
        var form = context.Render<NewRun>();
        Assert.Equal("0.0123", form.Find(".field-steps-1-lr input").GetAttribute("value"));
        Assert.Equal("0.01", form.Find(".field-steps-3-lr input").GetAttribute("value"));

        form.Find("#apply-rates-every-fit").Click();

        form.WaitForAssertion(() => Assert.Equal("0.0123", form.Find(".field-steps-3-lr input").GetAttribute("value")));
        Assert.Equal("0.000123, 0.00123, 0.0123", form.Find(".field-steps-6-lr input").GetAttribute("value"));
        Assert.False(form.Find("#submit-run").HasAttribute("disabled"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
