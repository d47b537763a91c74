using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The datasets page's upload and delete in real Chromium against a real server (InputFile over the circuit).</summary>
public sealed class DatasetUploadBrowserTests
{
    [Fact]
    public async Task A_zip_picked_in_the_browser_becomes_a_dataset_and_is_deleted_after_confirming()
    {
        await using var host = await DashboardHost.StartAsync();
        var zip = Path.Combine(host.DataFolder, "shoes.zip");
        await File.WriteAllBytesAsync(zip, DatasetZips.ClassFolders(perClass: 8));
        await using var browser = await Browser.LaunchAsync(host.BaseAddress);
        var page = browser.Page;
        await browser.OpenAsync("/datasets", "datasets");

        await page.Locator(".upload-name input").FillAsync("shoes");
        await page.Locator("#upload-input:not([disabled])").SetInputFilesAsync(zip);

        var card = page.Locator($"[data-dataset='{Path.Combine(host.Get<DashboardPaths>().UploadRoot, "shoes")}']");
        await Assertions.Expect(card).ToContainTextAsync("2 classes · 16 train · 16 valid · 0 skipped", new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("dataset-uploaded");
        await card.Locator(".ask-delete").ClickAsync();
        await card.Locator(".confirm-delete").ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
        Assert.False(Directory.Exists(Path.Combine(host.Get<DashboardPaths>().UploadRoot, "shoes")));
    }
}
