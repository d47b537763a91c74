using Dashboard.Runs;
using Microsoft.Playwright;

using Dashboard.Tests.Server;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard in a real browser against a real server that really trains: look at the demo dataset, submit a tiny
/// run from the form and watch its charts fill in, reload a longer run mid-way and find its history, stop it, compare.
/// Screenshots of each page are saved under the test output's screenshots/ folder.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Training = TimeSpan.FromMinutes(3);
    private DashboardHost host = default!;
    private Browser browser = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task A_run_from_the_form_trains_live_survives_a_reload_and_stops_on_request()
    {
        await DatasetsPageShowsTheDemoAsync();
        var tiny = await SubmitAsync("e2e tiny", precompute: true, lrFindIterations: 20, cycles: 2);
        await ChartsFillInAsync(tiny);
        // Long enough (60 epochs) to be still running after the reload on any machine; the test stops it.
        var longer = await SubmitAsync("e2e longer", precompute: false, lrFindIterations: 200, cycles: 60);
        await HistorySurvivesAReloadAndStopStopsAsync(longer);
        await RunsListComparesBothAsync(tiny, longer);
    }

    private async Task DatasetsPageShowsTheDemoAsync()
    {
        await browser.OpenAsync("/datasets", "datasets");
        await Assertions.Expect(browser.Page.Locator("[data-dataset='demo']")).ToContainTextAsync("10 classes");
        await Assertions.Expect(browser.Page.Locator(".class-table tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(browser.Page.Locator("#augmentation-preview img.augmented")).ToHaveCountAsync(8);
        await browser.ScreenshotAsync("datasets");
    }

    /// <summary>Fills the form from the quick-demo preset: 32 px, batch 64, lr_find, one SGDR fit, no TTA.</summary>
    private async Task<string> SubmitAsync(string name, bool precompute, int lrFindIterations, int cycles)
    {
        var page = browser.Page;
        await browser.OpenAsync("/runs/new", "new-run");
        await page.ClickAsync("#preset-quick");
        await Assertions.Expect(page.Locator(".field-name input")).ToHaveValueAsync("quick demo"); // the preset has rendered
        await SetAsync(".field-name input", name);
        await SetAsync(".field-size input", "32");
        await SetAsync(".field-steps-0-maxIterations input", lrFindIterations.ToString());
        await SetAsync(".field-steps-1-cycles input", cycles.ToString());
        if (!precompute) await page.ClickAsync(".field-precompute input");
        await page.ClickAsync("[data-step='2'] button[aria-label='remove step']");
        await Assertions.Expect(page.Locator(".step-editor")).ToHaveCountAsync(2);
        var json = page.Locator("pre.recipe-json");
        await Assertions.Expect(json).ToContainTextAsync($"\"precompute\": {(precompute ? "true" : "false")}");
        await Assertions.Expect(json).ToContainTextAsync("\"size\": 32");
        await Assertions.Expect(json).ToContainTextAsync($"\"maxIterations\": {lrFindIterations}");
        await Assertions.Expect(json).ToContainTextAsync($"\"cycles\": {cycles}");
        await Assertions.Expect(page.Locator(".field-name input")).ToHaveValueAsync(name);
        await Assertions.Expect(page.Locator("#submit-run")).ToBeEnabledAsync();
        if (precompute) await browser.ScreenshotAsync("new-run");
        await page.ClickAsync("#submit-run");
        await browser.ReadyAsync("run"); // Blazor navigates in the page: no load event to wait for
        await Assertions.Expect(page.Locator("#run-name")).ToHaveTextAsync(name);
        return page.Url.Split('/')[^1];
    }

    private async Task SetAsync(string selector, string value)
    {
        await browser.Page.FillAsync(selector, value);
        await browser.Page.PressAsync(selector, "Tab");
    }

    /// <summary>The lr_find curve and the planned schedule appear, the progress marker walks along it, the run finishes.</summary>
    private async Task ChartsFillInAsync(string runId)
    {
        var seen = new List<(int Finder, int Schedule, int Loss)>();
        var deadline = DateTime.UtcNow + Training;
        while (DateTime.UtcNow < deadline && !await HasStatusAsync(RunStatus.Finished))
        {
            seen.Add((await browser.PlottedPointsAsync("chart-lrfind"), await browser.PlottedPointsAsync("chart-schedule"), await browser.PlottedPointsAsync("chart-loss")));
            await Task.Delay(200);
        }
        Assert.True(await HasStatusAsync(RunStatus.Finished), $"run {runId} did not finish within {Training}");
        await Assertions.Expect(browser.Page.Locator(".live-chart[data-chart='chart-loss']")).ToHaveAttributeAsync("data-points", "34");
        await browser.WaitForPlottedAsync("chart-lrfind", 20);
        await browser.WaitForPlottedAsync("chart-lrfind", 2, trace: 2); // the first suggestion's vertical line
        await browser.WaitForPlottedAsync("chart-schedule", 32); // 2 epochs × 16 batches, drawn before the first batch
        await browser.WaitForPlottedAsync("chart-schedule", 1, trace: 1); // the progress marker: one point that moves
        await browser.WaitForPlottedAsync("chart-loss", 32);
        await browser.WaitForPlottedAsync("chart-loss", 2, trace: 1); // validation loss per epoch
        // raw, smoothed, and a line per suggestion: valley, minimum and steep (slide needs 16 points after the skips, 20 batches give at most 13)
        Assert.Equal(5, await browser.PlottedTracesAsync("chart-lrfind"));
        Assert.Contains(seen, s => s.Finder == 0 && s.Loss == 0); // empty before training began: what followed was drawn live
        Assert.True(seen.Select(s => s.Loss).SequenceEqual(seen.Select(s => s.Loss).Order()), "the loss curve only grows");
        await Assertions.Expect(browser.Page.Locator("#use-suggestion")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("run-finished");
    }

    /// <summary>The longer run's curve grows; after a reload the stored history is drawn again; Stop ends it as stopped.</summary>
    private async Task HistorySurvivesAReloadAndStopStopsAsync(string runId)
    {
        var page = browser.Page;
        await page.WaitForFunctionAsync("() => (document.getElementById('chart-lrfind')?.data?.[0]?.x?.length ?? 0) >= 3",
            null, new PageWaitForFunctionOptions { Timeout = (float)Training.TotalMilliseconds, PollingInterval = 200 });
        int before = await browser.PlottedPointsAsync("chart-lrfind");
        await page.WaitForFunctionAsync($"() => (document.getElementById('chart-lrfind')?.data?.[0]?.x?.length ?? 0) > {before}",
            null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
        int grown = await browser.PlottedPointsAsync("chart-lrfind");

        await page.ReloadAsync();
        await browser.ReadyAsync("run");
        await page.WaitForFunctionAsync($"() => (document.getElementById('chart-lrfind')?.data?.[0]?.x?.length ?? 0) >= {grown}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
        await Assertions.Expect(page.Locator("#event-log")).ToContainTextAsync("Started resnet18");
        Assert.True(await HasStatusAsync(RunStatus.Running), $"run {runId} should still be running after the reload");
        await browser.ScreenshotAsync("run-live");

        await page.ClickAsync("#stop-run");
        await page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Stopped}']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#stop-run")).ToBeDisabledAsync();
        await browser.ScreenshotAsync("run-stopped");
    }

    private async Task RunsListComparesBothAsync(string tiny, string longer)
    {
        var page = browser.Page;
        await browser.OpenAsync("/runs", "runs");
        await Assertions.Expect(page.Locator($"tr[data-run='{tiny}']")).ToHaveAttributeAsync("data-status", RunStatus.Finished);
        await Assertions.Expect(page.Locator($"tr[data-run='{longer}']")).ToHaveAttributeAsync("data-status", RunStatus.Stopped);
        await page.Locator($"tr[data-run='{tiny}'] input[type=checkbox]").CheckAsync();
        await page.Locator($"tr[data-run='{longer}'] input[type=checkbox]").CheckAsync();
        await page.ClickAsync("#compare-runs");
        await page.WaitForFunctionAsync("() => (document.getElementById('chart-compare-accuracy')?.data?.length ?? 0) === 2");
        await browser.WaitForPlottedAsync("chart-compare-accuracy", 2); // the tiny run's two epochs
        await browser.ScreenshotAsync("runs");
    }

    private async Task<bool> HasStatusAsync(string status) =>
        await browser.Page.Locator($".status-chip[data-status='{status}']").CountAsync() > 0;

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
