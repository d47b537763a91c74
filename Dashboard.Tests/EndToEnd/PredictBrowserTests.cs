using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Data;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The run page's "Use the model" in real Chromium against a real server that trained the demo run: an uploaded image
/// gets its top 5 classes and a Grad-CAM heat map, and the top-losses grid switches to heat maps.
/// </summary>
public sealed class PredictBrowserTests : IAsyncLifetime
{
    private const string Recipe = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 1}}, {"save": "head"} ] }
        """;

    private DashboardHost host = default!;
    private Browser browser = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task An_uploaded_image_shows_its_top_5_and_a_heat_map_and_top_losses_switch_to_heat_maps()
    {
        var runId = await TrainAsync();
        var page = browser.Page;
        await browser.OpenAsync($"/runs/{runId}", "run");
        var image = Path.Combine(DemoDataset.Path, "valid", "bag", "0000.png");

        await page.SetInputFilesAsync("#predict-input", image);

        var result = page.Locator("#predict-results .predicted-image");
        await Assertions.Expect(result).ToHaveCountAsync(1);
        await Assertions.Expect(result.Locator(".predicted-name")).ToHaveTextAsync("0000.png");
        await Assertions.Expect(result.Locator("table.predictions tr")).ToHaveCountAsync(5);
        await WaitForImagesAsync(".predict-heatmap", 1);
        Assert.Equal(224, await page.EvaluateAsync<int>("() => document.querySelector('.predict-heatmap').naturalWidth"));

        await page.Locator("#top-losses-heatmaps").ClickAsync();
        await WaitForImagesAsync("#top-losses img.heatmap", await page.Locator("#top-losses img").CountAsync());
        await browser.ScreenshotAsync("run-predict");
    }

    /// <summary>Waits until <paramref name="count"/> (at least one) images of the selector have loaded with pixels.</summary>
    private Task WaitForImagesAsync(string selector, int count) =>
        browser.Page.WaitForFunctionAsync("([s, n]) => { const images = [...document.querySelectorAll(s)]; return n > 0 && images.length === n && images.every(i => i.complete && i.naturalWidth > 0); }",
            new object[] { selector, count }, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 200 });

    private async Task<string> TrainAsync()
    {
        using var client = host.Client();
        var id = (await (await client.PostAsync("/api/runs", ApiWaits.Json(Recipe))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForStatusAsync(client, id, status => status == RunStatus.Finished, TimeSpan.FromMinutes(5));
        return id;
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
