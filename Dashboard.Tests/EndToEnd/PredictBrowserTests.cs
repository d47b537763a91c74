using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Server;
using Dashboard.Training.Data;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The run page's "Use the model" in real Chromium against a real server that trained the demo run: an uploaded image
/// gets its top 5 classes and a Grad-CAM heat map, and the top-losses grid switches to heat maps; an oversized file and a
/// file that is not an image are refused with a message that says why, and the next image is classified; a checkpoint
/// picked on the page is the one used.
/// </summary>
public sealed class PredictBrowserTests
{
    [Fact]
    public async Task An_uploaded_image_shows_its_top_5_and_a_heat_map_and_top_losses_switch_to_heat_maps()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var runId = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);
        await using var browser = await Browser.LaunchAsync(host.BaseAddress);
        var page = browser.Page;
        await browser.OpenAsync($"/runs/{runId}", "run");

        await page.SetInputFilesAsync("#predict-input", Path.Combine(DemoDataset.Path, "valid", "bag", "0000.png"));

        var result = page.Locator("#predict-results .predicted-image");
        await Assertions.Expect(result).ToHaveCountAsync(1);
        await Assertions.Expect(result.Locator(".predicted-name")).ToHaveTextAsync("0000.png");
        await Assertions.Expect(result.Locator("table.predictions tr")).ToHaveCountAsync(5);
        await WaitForImagesAsync(page, ".predict-heatmap", 1);
        Assert.Equal(224, await page.EvaluateAsync<int>("() => document.querySelector('.predict-heatmap').naturalWidth"));

        await page.Locator("#top-losses-heatmaps").ClickAsync();
        await WaitForImagesAsync(page, "#top-losses img.heatmap", await page.Locator("#top-losses img").CountAsync());
        await browser.ScreenshotAsync("run-predict");
    }

    [Fact]
    public async Task An_oversized_upload_and_a_non_image_are_refused_with_a_clear_message_and_the_next_image_is_classified()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Limits:MaxUploadMB"] = "1" });
        using var client = host.Client();
        var runId = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);
        await using var browser = await Browser.LaunchAsync(host.BaseAddress);
        var page = browser.Page;
        await browser.OpenAsync($"/runs/{runId}", "run");
        var error = page.Locator("#predict-error");
        var results = page.Locator("#predict-results .predicted-image");

        await page.SetInputFilesAsync("#predict-input", new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = new byte[1_100_000] });
        await Assertions.Expect(error).ToContainTextAsync("larger than 1 MB");
        await Assertions.Expect(error).ToContainTextAsync("Dashboard:Limits:MaxUploadMB");
        await Assertions.Expect(results).ToHaveCountAsync(0);

        await page.SetInputFilesAsync("#predict-input", new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = "these are notes, not pixels"u8.ToArray() });
        await Assertions.Expect(error).ToContainTextAsync("notes.png is not an image");
        await Assertions.Expect(results).ToHaveCountAsync(0);

        await page.SetInputFilesAsync("#predict-input", Path.Combine(DemoDataset.Path, "valid", "bag", "0000.png"));
        await Assertions.Expect(results).ToHaveCountAsync(1);
        await Assertions.Expect(error).ToHaveCountAsync(0);
        await Assertions.Expect(results.Locator("table.predictions tr")).ToHaveCountAsync(5);
    }

    [Fact]
    public async Task A_picked_checkpoint_classifies_as_the_api_does_with_that_checkpoint()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var runId = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesTwo);
        var image = Path.Combine(DemoDataset.Path, "valid", "bag", "0000.png");
        var byApi = await TopPredictionTextAsync(client, runId, "one", image);
        Assert.NotEqual(byApi, await TopPredictionTextAsync(client, runId, "two", image));
        await using var browser = await Browser.LaunchAsync(host.BaseAddress);
        var page = browser.Page;
        await browser.OpenAsync($"/runs/{runId}", "run");

        await page.Locator(".mud-input-control:has(#predict-checkpoint)").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "one" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-control:has(#predict-checkpoint) input")).ToHaveValueAsync("one");
        await page.SetInputFilesAsync("#predict-input", image);

        var top = page.Locator("#predict-results .predicted-image table.predictions tr").First;
        await Assertions.Expect(top).ToHaveTextAsync(byApi);
    }

    /// <summary>The API's top class of one image with a named checkpoint, as the page prints it: label then percentage.</summary>
    private static async Task<string> TopPredictionTextAsync(HttpClient client, string runId, string checkpoint, string image)
    {
        var response = await client.PostAsJsonAsync($"/api/runs/{runId}/predict?checkpoint={checkpoint}", new[] { image });
        response.EnsureSuccessStatusCode();
        var top = (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("predictions")[0];
        return top.GetProperty("label").GetString() + top.GetProperty("probability").GetDouble().ToString("P1", CultureInfo.CurrentCulture);
    }

    /// <summary>Waits until <paramref name="count"/> (at least one) images of the selector have loaded with pixels.</summary>
    private static Task WaitForImagesAsync(IPage page, string selector, int count) =>
        page.WaitForFunctionAsync("([s, n]) => { const images = [...document.querySelectorAll(s)]; return n > 0 && images.length === n && images.every(i => i.complete && i.naturalWidth > 0); }",
            new object[] { selector, count }, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 200 });
}
