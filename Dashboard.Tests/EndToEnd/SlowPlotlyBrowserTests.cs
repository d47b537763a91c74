using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Live points that reach a chart before plotly.js has loaded (a slow link, a busy server) are drawn once it has: the
/// chart is redrawn then, instead of failing and taking the page down with it (found in a clean-clone CI run).
/// </summary>
public sealed class SlowPlotlyBrowserTests : IAsyncLifetime
{
    private const int Batches = 5;
    private DashboardHost host = default!;
    private Browser browser = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task Points_that_arrive_while_plotly_is_still_loading_are_drawn_once_it_has_loaded()
    {
        var (store, ledger) = (host.Get<RunStore>(), host.Get<RunLedger>());
        var run = store.Create("slow plotly", TinyRecipes.Long);
        ledger.SetStatus(run.Id, RunStatus.Running);
        var plotlyLoads = new TaskCompletionSource();
        await browser.Page.RouteAsync("**/plotly-*.min.js", async route =>
        {
            await plotlyLoads.Task;
            await route.ContinueAsync();
        });
        await browser.OpenAsync($"/runs/{run.Id}", "run");

        ledger.Append(run.Id, new FitStarted(0, 1, 10, [0.01], false, 0));
        for (var i = 0; i < Batches; i++) ledger.Append(run.Id, new BatchEnded(0, i, 0, 0.01, 2.0 - 0.1 * i));
        await browser.Page.WaitForSelectorAsync($"#chart-loss-frame[data-points='{Batches}']", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await Task.Delay(500); // the chart has tried to add them to a plot that plotly.js has not drawn
        plotlyLoads.SetResult();

        await browser.WaitForPlottedAsync("chart-loss", Batches);
        Assert.Equal(0, await browser.Page.GetByText("This page failed").CountAsync());
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
