using Bunit;
using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Training.Events;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>The run header says which precision the run computes in: the recipe's request until the learner has chosen.</summary>
public sealed class RunHeaderTests
{
    private static readonly RecipeDigest Digest = new("resnet18", "demo", 224, 32, "sideOn", 1.1, 0, 4, Precision: "auto");

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    private static RunSummary Run(string status) =>
        new("r1", "precision check", status, "{}", DateTimeOffset.UtcNow, null, null, null, null, null);

    [Fact]
    public async Task Before_the_learner_chose_it_shows_what_the_recipe_asks_for()
    {
        await using var context = Context();
        var header = context.Render<RunHeader>(p => p.Add(h => h.Run, Run(RunStatus.Queued)).Add(h => h.Digest, Digest));
        Assert.Equal("precision auto ·", header.Find("#run-precision").TextContent.Trim());
    }

    [Fact]
    public async Task Once_chosen_it_shows_the_precision_used_and_what_was_asked()
    {
        await using var context = Context();
        var header = context.Render<RunHeader>(p => p.Add(h => h.Run, Run(RunStatus.Running)).Add(h => h.Digest, Digest)
            .Add(h => h.Precision, new PrecisionChosen("auto", "bf16", null)));
        Assert.Equal("computing in bf16 (asked for auto) ·", header.Find("#run-precision").TextContent.Trim());
    }
}
