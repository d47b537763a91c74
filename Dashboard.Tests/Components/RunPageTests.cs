using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Runs;
using Dashboard.Tests.Server;
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
    public void Images_training_could_not_read_are_named_above_the_charts_each_once()
    {
        var files = Enumerable.Range(1, 5).Select(i => new Dashboard.Training.Data.SkippedFile($"/data/train/a/{i}.jpg", "truncated image")).ToArray();
        Store(new ImagesSkipped(files[..2]), new ImagesSkipped(files[1..]), new ResizeCacheStopped("the disk is full"));

        var page = Render();

        page.WaitForAssertion(() =>
        {
            var warning = page.Find("#skipped-images").TextContent;
            Assert.Contains("5 images could not be read", warning); // /2.jpg was reported twice (a resumed run), counted once
            Assert.Contains("/data/train/a/1.jpg (truncated image)", warning);
            Assert.Contains("2 more in the event log", warning);
            Assert.Contains("the disk is full", page.Find("#resize-cache-stopped").TextContent);
            Assert.Contains("/data/train/a/5.jpg", page.Find("#event-log").TextContent);
        });
    }

    [Fact]
    public void A_panel_that_fails_to_draw_says_so_and_the_rest_of_the_page_stays()
    {
        // Stored data the confusion matrix cannot draw (two rows of counts for one class name): its panel fails.
        Store(Schedule(0, 4), new FitStarted(0, 1, 4, [0.01], true, 2), new BatchEnded(0, 0, 0, 0.01, 2.0),
            new ConfusionMatrixComputed(["cat"], [[1], [2]]));

        var page = Render();

        page.WaitForAssertion(() =>
        {
            var failed = page.Find(".panel-failed");
            Assert.Equal("confusion matrix", failed.GetAttribute("data-panel"));
            Assert.Contains("The confusion matrix panel failed", failed.TextContent);
            Assert.Equal("1", Points(page, "chart-loss"));
            Assert.Contains("Confusion matrix over 1 classes", page.Find("#event-log").TextContent);
            Assert.Single(page.FindAll(".panel-failed"));
        });
    }

    [Fact]
    public void A_stopped_run_shows_the_batch_and_the_step_it_stopped_at_and_its_latest_accuracy()
    {
        Store(new StepStarted(0, "lrFind"), new StepStarted(1, "fit"), new FitStarted(0, 2, 4, [0.01], true, 2));
        Store(Enumerable.Range(0, 4).Select(i => (TrainingEvent)new BatchEnded(0, i, 0, 0.01, 2.0)).ToArray());
        Store(new EpochEnded(0, 0, 1.7, 1.3, 0.625, 1.5), new BatchEnded(0, 4, 1, 0.01, 1.9), new FitStopped(0, 5), new RunEnded(RunStatus.Stopped, null));
        context.Store.SetStatus(run.Id, RunStatus.Stopped);

        var page = Render();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("stopped at batch 5 of 8", page.Find("#run-position").TextContent);
            Assert.Equal("fit 1 stopped", page.Find("#run-phase").TextContent);
            Assert.Equal("1", page.Find("#run-steps li[data-state='ended']").GetAttribute("data-step"));
            Assert.Equal("Latest accuracy", page.Find("#accuracy-label").TextContent);
            Assert.Equal("62.50%", page.Find("#final-accuracy").TextContent);
        });
        Assert.Empty(page.FindAll("#run-eta-total"));
    }

    [Fact]
    public void A_queued_run_shows_its_place_in_line()
    {
        context.Store.SetStatus(run.Id, RunStatus.Queued);
        var later = context.Store.Create("later", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);

        var page = context.Render<RunPage>(p => p.Add(x => x.Id, later.Id));

        page.WaitForAssertion(() => Assert.Equal("queued: 2 in line (1 run(s) ahead)", page.Find("#run-phase").TextContent));
        context.Store.SetStatus(run.Id, RunStatus.Running);
        context.Notifier.Publish(context.Store.Find(run.Id)!);
        page.WaitForAssertion(() => Assert.Equal("queued: next to start", page.Find("#run-phase").TextContent));
    }

    [Fact]
    public void A_running_run_lists_its_steps_with_the_current_one_and_an_eta_for_the_whole_run()
    {
        Store(new StepStarted(0, "lrFind"), new StepStarted(1, "fit"), new FitStarted(0, 1, 4, [0.01], true, 2));

        var page = Render();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(10, page.FindAll("#run-steps li").Count); // initial precompute, 8 steps, interpretation
            Assert.Equal("1", page.Find("#run-steps li[data-state='current']").GetAttribute("data-step"));
            Assert.StartsWith("whole run: at least", page.Find("#run-eta-total").TextContent);
            Assert.Equal("Latest accuracy", page.Find("#accuracy-label").TextContent);
        });
    }

    [Fact]
    public void The_smoothing_slider_draws_a_smoothed_copy_of_the_training_loss_and_log_y_redraws_the_axis()
    {
        Store(Schedule(0, 4), new FitStarted(0, 1, 4, [0.01], true, 2));
        Store(Enumerable.Range(0, 4).Select(i => (TrainingEvent)new BatchEnded(0, i, 0, 0.01, 2.0 - 0.1 * i)).ToArray());
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("4", Points(page, "chart-loss")));

        page.Find("#loss-smoothing").Change("0.9");

        page.WaitForAssertion(() => Assert.Equal("8", Points(page, "chart-loss"))); // the raw batches and their smoothed copy
        Assert.Equal("0.900", page.Find("#loss-smoothing-value").TextContent);
        Publish(new BatchEnded(0, 4, 0, 0.01, 1.5));
        page.WaitForAssertion(() => Assert.Equal("10", Points(page, "chart-loss")));

        page.Find("#loss-smoothing").Change("0");
        page.WaitForAssertion(() => Assert.Equal("5", Points(page, "chart-loss")));
    }

    [Fact]
    public void The_system_panel_shows_the_trainers_latest_sample_and_draws_each_one()
    {
        Store(new SystemSampled(150, 800L * 1048576, 40, 12.5), new SystemSampled(180, 820L * 1048576, 55.5, 3));

        var page = Render();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("CPU 180 % · resident 820 MB · 55.5 img/s · data wait 3.0 %", page.Find("#system-latest").TextContent.Trim());
            Assert.Equal("6", Points(page, "chart-system")); // CPU, data wait and images/s of both samples
        });
        Assert.DoesNotContain("CPU", page.Find("#event-log").TextContent); // samples are not log lines
    }

    [Fact]
    public void The_loss_chart_puts_epochs_or_wall_time_on_its_x_axis()
    {
        var start = DateTimeOffset.UtcNow;
        Store(new RunStarted("resnet18", ["a", "b"], 64, 8, 32, "cpu") { At = start }, new FitStarted(0, 1, 4, [0.01], false, 2));
        Store(Enumerable.Range(0, 4).Select(i => (TrainingEvent)new BatchEnded(0, i, 0, 0.01, 2.0) { At = start.AddSeconds(30 * (i + 1)) }).ToArray());
        Store(new EpochEnded(0, 0, 1.7, 1.3, 0.62, 1.5) { At = start.AddMinutes(2.5) });
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("5", Points(page, "chart-loss")));
        var chart = page.FindComponents<Dashboard.Charts.LiveChart>().Single(c => c.Instance.Id == "chart-loss");

        page.Find("#loss-x-axis").Change("Epoch");
        page.WaitForAssertion(() => Assert.Equal([0.25, 0.5, 0.75, 1.0], chart.Instance.Traces[0].X));
        Assert.Equal([1.0], chart.Instance.Traces[1].X); // validation at the epoch's end

        page.Find("#loss-x-axis").Change("WallTime");
        page.WaitForAssertion(() => Assert.Equal([0.5, 1.0, 1.5, 2.0], chart.Instance.Traces[0].X));
        Assert.Equal([2.5], chart.Instance.Traces[1].X);
        Assert.Equal("5", Points(page, "chart-loss"));
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
            if (e.Event is EpochEnded && Interlocked.Exchange(ref stops, 1) == 0) worker.Get<RunCommands>().Stop(stopped.Id, TestUsers.Anonymous);
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
