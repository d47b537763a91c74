using Bunit;
using Dashboard.Components.Runs;
using Dashboard.Training.Events;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>The run page's batch panel: the captured images with true and predicted classes, epoch by epoch.</summary>
public sealed class RunBatchThumbnailsTests
{
    private static readonly string[] Classes = ["cat", "dog", "fox"];
    private static readonly byte[][] ThreePngs = [[1], [2], [3]];

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    [Fact]
    public void The_view_keeps_each_epochs_capture_with_its_labels_and_adds_the_predictions_when_they_come()
    {
        var view = new BatchThumbnailsView();
        view.Apply(5, new ThumbnailsCaptured(0, ThreePngs, [0, 1, 2]));
        view.Apply(9, new ThumbnailsPredicted(0, [0, 2, 2]));
        view.Apply(14, new ThumbnailsCaptured(1, ThreePngs, [2, 2, 0]));

        Assert.Equal([(0, 5L, true), (1, 14L, false)], view.Batches.Select(b => (b.Epoch, b.Sequence, b.Predicted is not null)));
        Assert.Equal([0, 2, 2], view.Batches[0].Predicted!);

        view.Apply(30, new ThumbnailsCaptured(1, ThreePngs, [1, 1, 1])); // the epoch again, after a resume
        Assert.Equal([5L, 30L], view.Batches.Select(b => b.Sequence));
    }

    [Fact]
    public async Task The_latest_epoch_shows_with_true_and_predicted_classes_marked_right_or_wrong()
    {
        var view = new BatchThumbnailsView();
        view.Apply(5, new ThumbnailsCaptured(0, ThreePngs, [0, 1, 2]));
        view.Apply(9, new ThumbnailsPredicted(0, [0, 2, 2]));
        await using var context = Context();

        var panel = context.Render<RunBatchThumbnails>(p => p.Add(c => c.RunId, "r 1").Add(c => c.View, view).Add(c => c.Classes, Classes));

        var figures = panel.FindAll("#run-batch-thumbnails figure");
        Assert.Equal(["cat→ cat", "dog→ fox", "fox→ fox"], figures.Select(f => f.TextContent.Replace("\n", "").Trim()));
        Assert.Equal(["right", "wrong", "right"], figures.Select(f => f.ClassList.Contains("right") ? "right" : "wrong"));
        Assert.Equal("/api/runs/r%201/thumbnails/5/1.png", figures[1].QuerySelector("img")!.GetAttribute("src"));
        Assert.Empty(panel.FindAll("#thumbnails-epoch-label")); // one epoch: no slider
    }

    [Fact]
    public async Task With_several_epochs_a_slider_picks_one_and_a_precomputed_fit_says_it_has_no_augmentation()
    {
        var view = new BatchThumbnailsView();
        view.Apply(5, new ThumbnailsCaptured(0, ThreePngs, [0, 1, 2]));
        view.Apply(14, new ThumbnailsCaptured(1, ThreePngs, [2, 2, 0]));
        view.Apply(20, new FitStarted(1, 1, 3, [0.01], Precomputed: true, FrozenGroups: 2));
        await using var context = Context();

        var panel = context.Render<RunBatchThumbnails>(p => p.Add(c => c.RunId, "r1").Add(c => c.View, view).Add(c => c.Classes, Classes));

        Assert.Contains("Epoch 2: capture 2 of 2 (following the latest)", panel.Find("#thumbnails-epoch-label").TextContent);
        Assert.Contains("the model's answers come when the epoch ends", panel.Find("#thumbnails-caption").TextContent);
        Assert.Contains("No augmentation while training on precomputed activations", panel.Find("#thumbnails-precomputed").TextContent);
        Assert.Equal(["fox", "fox", "cat"], panel.FindAll("figure").Select(f => f.TextContent.Trim()));
    }

    [Fact]
    public async Task Before_any_capture_it_says_so()
    {
        await using var context = Context();
        var panel = context.Render<RunBatchThumbnails>(p => p.Add(c => c.RunId, "r1").Add(c => c.View, new BatchThumbnailsView()));
        Assert.Contains("No batch captured yet", panel.Find("#thumbnails-none").TextContent);
    }
}
