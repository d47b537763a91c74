using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Hovering a training batch on the loss chart shows its epoch, fit, iteration and learning rate.</summary>
public sealed class LossHoverBrowserTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private Browser browser = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task Every_train_loss_point_carries_its_hover_values_and_hovering_one_shows_them()
    {
        var run = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "hover");
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        await browser.Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Finished}']", new PageWaitForSelectorOptions { Timeout = 180_000 });
        int batches = await browser.PlottedPointsAsync("chart-loss");
        Assert.True(batches > 1, $"{batches} training batches drawn");

        var template = await browser.Page.EvaluateAsync<string>("() => document.getElementById('chart-loss').data[0].hovertemplate");
        int hoverValues = await browser.Page.EvaluateAsync<int>("() => document.getElementById('chart-loss').data[0].customdata.length");
        Assert.Equal(batches, hoverValues);
        Assert.Contains("epoch", template);
        Assert.Contains("fit", template);
        Assert.Contains("lr", template);

        await browser.Page.EvaluateAsync("() => Plotly.Fx.hover('chart-loss', [{ curveNumber: 0, pointNumber: 1 }])");
        var label = browser.Page.Locator("#chart-loss .hoverlayer .hovertext");
        await Assertions.Expect(label).ToContainTextAsync("iteration 1");
        await Assertions.Expect(label).ToContainTextAsync("epoch 1 · fit 1 · batch 2");
        await Assertions.Expect(label).ToContainTextAsync("lr 0.0");
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
