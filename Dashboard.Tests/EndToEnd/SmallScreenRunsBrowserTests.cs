using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The runs list and a run's page at a phone's width (400 px): the runs become cards, a finished run's charts are
/// redrawn one per row at the viewport's width, the confusion matrix scrolls inside its own box, and the page itself
/// never scrolls sideways.
/// </summary>
public sealed class SmallScreenRunsBrowserTests : IAsyncLifetime
{
    private const string PlotsFitJs = "max => { const plots = [...document.querySelectorAll('.js-plotly-plot')]; return plots.length > 0 && plots.every(p => p.getBoundingClientRect().width <= max); }";
    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    /// <summary>A finished run in the store, without training: two epochs of metrics and a tag.</summary>
    private RunSummary Seed(string name, double accuracy)
    {
        var store = host.Get<RunStore>();
        var run = store.Create(name, """{ "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "steps": [ {"fit": {"lr": 0.01, "cycles": 2}} ] }""");
        store.Append(run.Id, new EpochEnded(0, 0, 1.2, 1.0, accuracy - 0.1, 1));
        store.Append(run.Id, new EpochEnded(0, 1, 0.9, 0.8, accuracy, 1));
        store.SetStatus(run.Id, RunStatus.Finished);
        store.SetResult(run.Id, accuracy, null);
        return run;
    }

    [Fact]
    public async Task At_400_px_each_run_is_a_card_the_page_does_not_scroll_sideways_and_a_cards_link_opens_the_run()
    {
        var first = Seed("a first run with a rather long name to wrap", 0.8);
        Seed("second", 0.7);
        await Page.SetViewportSizeAsync(400, 900);
        await browser.OpenAsync("/runs", "runs");

        var cards = Page.Locator("#runs-table .run-row");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("#runs-table thead")).ToBeHiddenAsync();
        foreach (var card in await cards.AllAsync())
        {
            Assert.Equal("flex", await card.EvaluateAsync<string>("row => getComputedStyle(row).display"));
            var box = await card.BoundingBoxAsync();
            Assert.True(box is { X: >= 0 } && box.X + box.Width <= 400, $"a card spans {box?.X}..{box?.X + box?.Width} px of a 400 px viewport");
        }
        var card0 = cards.Filter(new LocatorFilterOptions { HasText = first.Name });
        await Assertions.Expect(card0.Locator("td.accuracy")).ToContainTextAsync("80");
        await Assertions.Expect(card0.Locator("td.run-arch")).ToContainTextAsync("resnet18");
        await Assertions.Expect(card0.GetByLabel("select for comparison")).ToBeVisibleAsync();
        await Assertions.Expect(card0.GetByLabel("metrics CSV")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("runs-cards-400");
        var overflow = await browser.OverflowAsync();
        Assert.True(overflow == "", overflow);

        await card0.Locator(".run-link").ClickAsync();
        await browser.ReadyAsync("run");
        Assert.EndsWith($"/runs/{first.Id}", Page.Url);
    }

    [Fact]
    public async Task At_1400_px_the_runs_are_rows_of_a_table_with_its_headers()
    {
        Seed("wide", 0.8);
        await browser.OpenAsync("/runs", "runs");

        await Assertions.Expect(Page.Locator("#runs-table thead")).ToBeVisibleAsync();
        Assert.Equal("table-row", await Page.Locator("#runs-table .run-row").EvaluateAsync<string>("row => getComputedStyle(row).display"));
    }

    [Fact]
    public async Task A_finished_runs_charts_follow_the_viewport_down_to_400_px_and_the_confusion_matrix_scrolls_in_its_box()
    {
        using var client = host.Client();
        var runId = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);
        await browser.OpenAsync($"/runs/{runId}", "run");
        await Page.WaitForFunctionAsync(PlotsFitJs, 1400);
        await Page.WaitForSelectorAsync("#confusion-matrix");

        await Page.SetViewportSizeAsync(400, 900);

        await Page.WaitForFunctionAsync(PlotsFitJs, 400);
        var lefts = await Page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => Math.round(p.getBoundingClientRect().left))");
        Assert.All(lefts, left => Assert.Equal(lefts[0], left));
        var matrix = await Page.Locator("#confusion-matrix").BoundingBoxAsync();
        Assert.True(matrix is not null && matrix.X + matrix.Width <= 400, $"the confusion matrix ends at {matrix?.X + matrix?.Width} px");
        await browser.ScreenshotAsync("run-charts-400");
        var overflow = await browser.OverflowAsync();
        Assert.True(overflow == "", overflow);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
