using System.Text.RegularExpressions;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The run page in Debian Chromium against a real server that trains: the steps list and progress of a finished and of a
/// stopped run, the loss chart's smoothing and log-y controls acting on what plotly draws, and its hover text. Screenshots at 1400 and
/// 400 px wide go to the test output's screenshots/ folder.
/// </summary>
public sealed class RunPageBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Training = TimeSpan.FromMinutes(3);
    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task A_finished_run_lists_every_step_done_and_the_smoothing_slider_changes_the_plotted_trace()
    {
        var run = host.Get<RunQueue>().Submit(TinyRecipes.Quick, "steps and smoothing");
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        await Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Finished}']", new PageWaitForSelectorOptions { Timeout = (float)Training.TotalMilliseconds });

        // initial precompute, 4 steps, interpretation: all done, each with a duration
        await Assertions.Expect(Page.Locator("#run-steps li[data-state='done']")).ToHaveCountAsync(6);
        await Assertions.Expect(Page.Locator("#run-steps li .step-duration")).ToHaveCountAsync(6);
        await Assertions.Expect(Page.Locator("#accuracy-label")).ToHaveTextAsync("Final accuracy");
        await Assertions.Expect(Page.Locator("#run-phase")).ToHaveTextAsync("run completed");
        await Assertions.Expect(Page.Locator("#system-latest")).ToContainTextAsync("img/s"); // the frozen fit trains long enough for samples
        Assert.True(await browser.PlottedPointsAsync("chart-system") > 0, "the system chart draws the trainer's samples");
        int batches = await browser.PlottedPointsAsync("chart-loss");
        Assert.True(batches > 1, $"{batches} training batches drawn");

        await SetSmoothingAsync("0.95");

        await browser.WaitForPlottedAsync("chart-loss", batches, trace: 2);
        var raw = await PlottedYAsync("chart-loss", 0);
        var smoothed = await PlottedYAsync("chart-loss", 2);
        Assert.Equal(raw[0], smoothed[0], 6); // debiased: the first point is the batch's own loss
        Assert.True(Spread(smoothed) < Spread(raw), $"smoothed spread {Spread(smoothed)} should be below the raw {Spread(raw)}");

        await Page.CheckAsync("#loss-log-y");
        await Page.WaitForFunctionAsync("() => document.getElementById('chart-loss')?.layout?.yaxis?.type === 'log'");
        await Page.CheckAsync("#schedule-log-y"); // the 1e-4 group of differential rates is visible on a log axis
        await Page.WaitForFunctionAsync("() => document.getElementById('chart-schedule')?.layout?.yaxis?.type === 'log'");
        await ScreenshotsAsync("run-finished");
    }

    [Fact]
    public async Task A_constant_rate_is_drawn_at_its_value_on_an_axis_from_zero_and_accuracy_too()
    {
        var run = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "constant rate"); // fastai 0.7: fit(0.01, 1) holds 0.01
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        await Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Finished}']", new PageWaitForSelectorOptions { Timeout = (float)Training.TotalMilliseconds });
        await browser.WaitForPlottedAsync("chart-accuracy", 1);

        var schedule = await DrawnYRangeAsync("chart-schedule");
        Assert.Equal(0, schedule[0]);
        Assert.InRange(schedule[1], 0.0101, 0.02); // 0.01 is near the top, not at the middle of -1…1
        var accuracy = await DrawnYRangeAsync("chart-accuracy");
        Assert.Equal(0, accuracy[0]);
        Assert.InRange(accuracy[1], host.Get<RunStore>().Find(run.Id)!.Accuracy!.Value, 2);
    }

    /// <summary>The y range plotly drew (after its autorange), not the one the layout asked for.</summary>
    private Task<double[]> DrawnYRangeAsync(string chartId) =>
        Page.EvaluateAsync<double[]>($"() => document.getElementById('{chartId}')._fullLayout.yaxis.range");

    [Fact]
    public async Task A_stopped_run_shows_the_batch_it_stopped_at_not_a_full_bar()
    {
        var run = host.Get<RunQueue>().Submit(TinyRecipes.Long, "stopped mid-fit");
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        await browser.Page.WaitForFunctionAsync("() => (document.getElementById('chart-loss')?.data?.[0]?.x?.length ?? 0) >= 3",
            null, new PageWaitForFunctionOptions { Timeout = (float)Training.TotalMilliseconds, PollingInterval = 200 });
        await Assertions.Expect(Page.Locator("#run-eta-total")).ToContainTextAsync("whole run:");

        await Page.ClickAsync("#stop-run");

        await Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Stopped}']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var position = Page.Locator("#run-position");
        await Assertions.Expect(position).ToHaveTextAsync(new Regex(@"^stopped at batch \d+ of \d+$"));
        var numbers = Regex.Matches(await position.TextContentAsync() ?? "", @"\d+").Select(m => int.Parse(m.Value)).ToArray();
        Assert.True(numbers[0] < numbers[1], $"stopped at {numbers[0]} of {numbers[1]}");
        Assert.Equal(numbers[0], await browser.PlottedPointsAsync("chart-loss")); // the batch it stopped at is the last one drawn
        await Assertions.Expect(Page.Locator("#run-steps li[data-state='ended']")).ToContainTextAsync("stopped here");
        await Assertions.Expect(Page.Locator("#accuracy-label")).ToHaveTextAsync("Latest accuracy");
        await ScreenshotsAsync("run-stopped");
    }

    [Fact]
    public async Task Every_train_loss_point_carries_its_hover_values_and_hovering_one_shows_epoch_fit_batch_and_rate()
    {
        var run = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "hover");
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        await Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Finished}']", new PageWaitForSelectorOptions { Timeout = (float)Training.TotalMilliseconds });
        int batches = await browser.PlottedPointsAsync("chart-loss");
        Assert.True(batches > 1, $"{batches} training batches drawn");

        var template = await Page.EvaluateAsync<string>("() => document.getElementById('chart-loss').data[0].hovertemplate");
        Assert.Equal(batches, await Page.EvaluateAsync<int>("() => document.getElementById('chart-loss').data[0].customdata.length"));
        Assert.Contains("epoch", template);
        Assert.Contains("fit", template);
        Assert.Contains("lr", template);

        await Page.EvaluateAsync("() => Plotly.Fx.hover('chart-loss', [{ curveNumber: 0, pointNumber: 1 }])");
        var label = Page.Locator("#chart-loss .hoverlayer .hovertext");
        await Assertions.Expect(label).ToContainTextAsync("iteration 1");
        await Assertions.Expect(label).ToContainTextAsync("epoch 1 · fit 1 · batch 2");
        await Assertions.Expect(label).ToContainTextAsync("lr 0.0");
    }

    /// <summary>Moves the range input as a user's drag ends: its value, then the change event Blazor listens to.</summary>
    private Task SetSmoothingAsync(string value) => Page.EvalOnSelectorAsync("#loss-smoothing",
        "(e, v) => { e.value = v; e.dispatchEvent(new Event('change', { bubbles: true })); }", value);

    private Task<double[]> PlottedYAsync(string chartId, int trace) =>
        Page.EvaluateAsync<double[]>("([id, t]) => Array.from(document.getElementById(id).data[t].y)", new object[] { chartId, trace });

    private static double Spread(double[] values) => values.Zip(values.Skip(1), (a, b) => Math.Abs(b - a)).Sum();

    /// <summary>The page at 1400 px and at 400 px wide, saved in the test output and, when it exists, the notes' screens folder.</summary>
    private async Task ScreenshotsAsync(string name)
    {
        foreach (var width in new[] { 1400, 400 })
        {
            await Page.SetViewportSizeAsync(width, 1000);
            var path = await browser.ScreenshotAsync($"{name}-{width}");
            if (Directory.Exists("/work/notes/screens")) File.Copy(path, Path.Combine("/work/notes/screens", Path.GetFileName(path)), overwrite: true);
        }
        await Page.SetViewportSizeAsync(1400, 1000);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
