using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class RunPageTests : IAsyncLifetime
{
    private readonly DashboardTestContext context = new();
    private RunSummary run = default!;

    public Task InitializeAsync()
    {
        run = context.Store.Create("live run", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);
        context.Store.SetStatus(run.Id, RunStatus.Running);
        return Task.CompletedTask;
    }

    [Fact]
    public void Stored_history_is_drawn_on_load()
    {
        Store(new LrFindBatchEnded(0, 1e-5, 2.3, 2.3), new LrFindBatchEnded(1, 1e-4, 2.2, 2.25));
        Store(Schedule(0, 4), new FitStarted(0, 1, 4, [0.01], true, 2), new BatchEnded(0, 0, 0, 0.01, 2.0));

        var page = Render();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("4", Points(page, "chart-lrfind"));
            Assert.Equal("5", Points(page, "chart-schedule")); // 4 planned + the progress marker
            Assert.Equal("1", Points(page, "chart-loss"));
        });
    }

    [Fact]
    public void Published_batches_and_epochs_add_points_to_the_charts()
    {
        Store(Schedule(0, 4), new FitStarted(0, 1, 4, [0.01], true, 2));
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("4", Points(page, "chart-schedule")));

        Publish(new BatchEnded(0, 0, 0, 0.01, 2.0), new BatchEnded(0, 1, 0, 0.009, 1.8));
        page.WaitForAssertion(() => Assert.Equal("2", Points(page, "chart-loss")));

        Publish(new BatchEnded(0, 2, 0, 0.005, 1.5), new BatchEnded(0, 3, 0, 0.001, 1.4), new EpochEnded(0, 0, 1.7, 1.3, 0.62, 1.5));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("5", Points(page, "chart-loss")); // 4 batches + 1 validation point
            Assert.Equal("1", Points(page, "chart-accuracy"));
            Assert.Equal("8", Points(page, "chart-schedule")); // the marker keeps every position; the browser draws the last
            Assert.Contains("accuracy 62.00%", page.Find("#event-log").TextContent);
            Assert.Contains("4 / 4 batches", page.Find("#run-progress").TextContent);
        });
    }

    [Fact]
    public void An_event_seen_twice_is_applied_once()
    {
        Store(Schedule(0, 4), new FitStarted(0, 1, 4, [0.01], true, 2));
        var batch = context.Store.Append(run.Id, new BatchEnded(0, 0, 0, 0.01, 2.0));
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("1", Points(page, "chart-loss")));

        context.Notifier.Publish(batch); // seen again: must not add a point
        Publish(new EpochEnded(0, 0, 2.0, 1.5, 0.4321, 1));

        // The epoch is published after the duplicate, so once it shows, the duplicate has been handled too.
        page.WaitForAssertion(() => Assert.Contains("accuracy 43.21%", page.Find("#event-log").TextContent));
        Assert.Equal("2", Points(page, "chart-loss")); // the batch once, and the epoch's validation point
    }

    [Fact]
    public void The_lr_find_suggestion_links_to_a_new_run_with_the_chosen_methods_rate()
    {
        Store(new LrFindBatchEnded(0, 1e-5, 2.3, 2.3), new LrFindBatchEnded(1, 1e-3, 2.0, 2.1), Finished("minimum"));

        var page = Render();

        page.WaitForAssertion(() => Assert.Equal($"/runs/new?from={run.Id}&lr=0.0001", page.Find("#use-suggestion").GetAttribute("href")));
    }

    [Fact]
    public void The_per_group_link_spreads_the_suggestion_over_the_layer_groups_the_run_reports()
    {
        // The lesson recipe gives 3 rates to a fit, but this run's model reports 2 layer groups: the run wins.
        Store(new LayersFrozen(1, 2), Finished("valley"));

        var page = Render();

        page.WaitForAssertion(() => Assert.Equal([0.001 / 100, 0.001], LinkedRates(page, "#use-suggestion-differential")));
    }

    [Fact]
    public void Without_layer_groups_from_the_run_the_per_group_link_follows_the_recipes_rate_count()
    {
        Store(Finished("valley"));

        var page = Render();

        page.WaitForAssertion(() => Assert.Equal([0.001 / 100, 0.001 / 10, 0.001], LinkedRates(page, "#use-suggestion-differential")));
        Assert.Equal([0.001], LinkedRates(page, "#use-suggestion"));
    }

    [Fact]
    public void A_model_of_one_layer_group_gets_no_per_group_link()
    {
        Store(new LayersFrozen(0, 1), Finished("valley"));

        var page = Render();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#use-suggestion")));
        Assert.Empty(page.FindAll("#use-suggestion-differential"));
    }

    [Fact]
    public void Stop_stops_the_run_and_the_status_follows()
    {
        context.Store.SetStatus(run.Id, RunStatus.Queued);
        var page = Render();
        page.WaitForAssertion(() => Assert.False(page.Find("#stop-run").HasAttribute("disabled")));

        page.InvokeAsync(() => page.Find("#stop-run").Click()); // find and click in one render

        page.WaitForAssertion(() =>
        {
            Assert.Equal(RunStatus.Stopped, page.Find(".status-chip").GetAttribute("data-status"));
            Assert.True(page.Find("#stop-run").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task A_viewer_cannot_resume_someone_elses_run()
    {
        await using var signedIn = new DashboardTestContext(signIn: true);
        signedIn.SignInAs("vera", Dashboard.Auth.Roles.Viewer);
        var others = signedIn.Store.Create("tom's", Dashboard.Tests.Server.TinyRecipes.Quick, owner: "tom");
        signedIn.Store.SetStatus(others.Id, RunStatus.Stopped);
        var page = signedIn.Render<RunPage>(p => p.Add(x => x.Id, others.Id));
        page.WaitForAssertion(() => Assert.False(page.Find("#resume-run").HasAttribute("disabled")));

        await page.InvokeAsync(() => page.Find("#resume-run").Click()); // find and click in one render: the page may re-render between

        page.WaitForAssertion(() => Assert.Contains("owner or an admin", page.Find("#command-error").TextContent));
        Assert.Equal(RunStatus.Stopped, signedIn.Store.Find(others.Id)!.Status);
    }

    /// <summary>
    /// The real worker trains a three-epoch run (10 batches an epoch), stopped as soon as its first epoch is stored (two
    /// epochs to go, so the stop lands before the end even if the worker runs ahead); Resume on its page sends it back to
    /// the worker, which supersedes what followed the resume point and trains the rest: every chart ends with each epoch
    /// and batch once.
    /// </summary>
    [Fact]
    public async Task A_stopped_run_resumed_from_its_page_ends_with_each_epoch_and_batch_drawn_once()
    {
        using var root = new Dashboard.Tests.Data.TempFolder();
        var dataset = Dashboard.Tests.Data.ImageFolders.Create(root.Folder("two"), ["a", "b"], trainPerClass: 80, validPerClass: 8);
        await using var worker = new DashboardTestContext(root.Path);
        var stopped = worker.Get<RunQueue>().Submit(ThreeEpochs(dataset), "three epochs");
        int stops = 0;
        using var stopAfterTheFirstEpoch = worker.Notifier.SubscribeEvents(stopped.Id, e =>
        {
            if (e.Event is EpochEnded && Interlocked.Exchange(ref stops, 1) == 0) worker.Get<RunCommands>().Stop(stopped.Id);
        });
        var page = worker.Render<RunPage>(p => p.Add(x => x.Id, stopped.Id));
        page.WaitForAssertion(() => Assert.Equal(RunStatus.Stopped, page.Find(".status-chip").GetAttribute("data-status")), Training);
        Assert.InRange(worker.Store.Events(stopped.Id).Count(e => e.Event is EpochEnded), 1, 2);

        await page.InvokeAsync(() => page.Find("#resume-run").Click());

        page.WaitForAssertion(() => Assert.Equal(RunStatus.Finished, page.Find(".status-chip").GetAttribute("data-status")), Training);
        var events = RunHistory.Effective(worker.Store.Events(stopped.Id)).Select(e => e.Event).ToList();
        Assert.Equal([0, 1, 2], events.OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.Equal(30, events.OfType<BatchEnded>().Select(b => (b.FitIndex, b.Epoch, b.Iteration)).Distinct().Count());
        Assert.Equal(30, events.OfType<BatchEnded>().Count());
        page.WaitForAssertion(() =>
        {
            Assert.Equal("3", Points(page, "chart-accuracy"));
            Assert.Equal("35", Points(page, "chart-loss")); // every batch and each epoch's validation point once, and a stop and a resume marker
            Assert.Contains("over 2 parts", page.Find("#run-duration").TextContent);
            var log = page.FindAll("#event-log .event-line").Select(line => line.TextContent).ToList();
            Assert.Contains(log, line => line.Contains("Resumed after epoch"));
            Assert.Contains(log, line => line.Contains("Run stopped"));
        });
        Assert.Contains("/batches.csv", page.Find("#batches-csv").GetAttribute("href"));
        Assert.Empty(page.FindAll("#resume-run"));
    }

    private static readonly TimeSpan Training = TimeSpan.FromMinutes(3);

    private static string ThreeEpochs(string dataset) => $$$"""
        { "data": { "path": {{{System.Text.Json.JsonSerializer.Serialize(dataset)}}}, "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 3}} ] }
        """;

    [Fact]
    public void A_finished_run_shows_its_confusion_matrix_and_top_losses()
    {
        Store(new ConfusionMatrixComputed(["cat", "dog"], [[3, 1], [0, 4]]),
            new TopLossesComputed([new TopLoss("most-wrong", "/elsewhere/cat.1.jpg", "cat", "dog", 0.8, 1.6)]),
            new Saved("stage1", "/models/stage1.ckpt"));

        var page = Render();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(4, page.FindAll("#confusion-matrix td").Count);
            Assert.Contains("cat → dog", page.Find("#top-losses").TextContent);
            Assert.Empty(page.FindAll("#top-losses img")); // not under a data root: the name only
            Assert.EndsWith("/models/stage1", page.Find("#run-results a").GetAttribute("href"));
            Assert.EndsWith("/export.onnx?checkpoint=stage1", page.FindAll("#run-results a")[1].GetAttribute("href"));
        });
    }

    private static LrFindCompleted Finished(string chosen) =>
        new([1e-5, 1e-3], [2.3, 2.0], [2.3, 2.1], [new("valley", 0.001, 2.1), new("minimum", 0.0001, 2.0)], chosen);

    /// <summary>The rates a new-run link carries in its <c>lr</c> query value.</summary>
    private static double[] LinkedRates(IRenderedComponent<RunPage> page, string link)
    {
        var query = new Uri("http://x" + page.Find(link).GetAttribute("href")).Query;
        var lr = System.Web.HttpUtility.ParseQueryString(query)["lr"]!;
        return lr.Split(',').Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private IRenderedComponent<RunPage> Render() => context.Render<RunPage>(p => p.Add(x => x.Id, run.Id));

    private static string? Points(IRenderedComponent<RunPage> page, string chart) =>
        page.Find($".live-chart[data-chart='{chart}']").GetAttribute("data-points");

    private static ScheduleComputed Schedule(int fit, int iterations) =>
        new(fit, [Enumerable.Range(0, iterations).Select(i => 0.01 * (iterations - i) / iterations).ToArray()], []);

    private void Store(params TrainingEvent[] events)
    {
        foreach (var e in events) context.Store.Append(run.Id, e);
    }

    private void Publish(params TrainingEvent[] events)
    {
        foreach (var e in events) context.Notifier.Publish(context.Store.Append(run.Id, e));
    }

    public async Task DisposeAsync() => await context.DisposeAsync();
}
