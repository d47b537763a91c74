using Dashboard.Auth;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Every page at a desktop's width (1400 px) and a phone's (400 px), saved as screenshots named tour-PAGE-WIDTH to be
/// looked at: the sign-in page, the runs list alone and with a comparison, the new-run form, a finished run's page,
/// its predict panel with a classified image, the datasets, the admin's tokens and the 404 page. At 400 px no page
/// scrolls sideways, no table scrolls sideways inside its box, and the app bar fits.
/// </summary>
public sealed class ScreenshotTourBrowserTests : IAsyncLifetime
{
    private static readonly int[] Widths = [1400, 400];
    /// <summary>True where the page has no app bar (sign-in) or its toolbar's content fits it.</summary>
    private const string AppBarFitsJs = "() => { const bar = document.querySelector('.mud-appbar .mud-toolbar'); return !bar || bar.scrollWidth <= bar.clientWidth && [...bar.children].every(c => c.getBoundingClientRect().height <= bar.clientHeight); }";
    private readonly List<string> overflows = [];
    /// <summary>Every chart that has points has drawn them (plotly draws after the circuit's first render).</summary>
    private const string ChartsDrawnJs = "() => [...document.querySelectorAll('.live-chart')].every(f => f.dataset.points === '0' || (document.getElementById(f.dataset.chart)?.data ?? []).some(t => (t.x?.length ?? 0) > 0))";
    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartWithSignInAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    /// <summary>A finished run in the store, without training: two epochs of metrics.</summary>
    private RunSummary Seed(string name, double accuracy, int size)
    {
        var store = host.Get<RunStore>();
        var run = store.Create(name, $$$"""{ "data": { "path": "demo", "size": {{{size}}}, "batchSize": 64 }, "arch": "resnet18", "steps": [ {"fit": {"lr": 0.01, "cycles": 2}} ] }""");
        store.Append(run.Id, new EpochEnded(0, 0, 1.2, 1.0, accuracy - 0.1, 1));
        store.Append(run.Id, new EpochEnded(0, 1, 0.9, 0.8, accuracy, 1));
        store.SetStatus(run.Id, RunStatus.Finished);
        store.SetResult(run.Id, accuracy, null);
        return run;
    }

    /// <summary>Shoots the page at each width (after <paramref name="settle"/>, which waits for what the page draws) and notes an overflow at 400 px.</summary>
    private async Task TourAsync(string name, Func<Task> settle)
    {
        foreach (var width in Widths)
        {
            await Page.SetViewportSizeAsync(width, 900);
            await settle();
            await browser.ScreenshotAsync($"tour-{name}-{width}");
            if (width >= 600) continue;
            if (await browser.OverflowAsync() is { Length: > 0 } overflow) overflows.Add($"{name}: {overflow}");
            if (await browser.TablesScrollingSidewaysAsync() is { Length: > 0 } tables) overflows.Add($"{name}: a table scrolls sideways in its box: {tables}");
            if (!await Page.EvaluateAsync<bool>(AppBarFitsJs)) overflows.Add($"{name}: the app bar's content is wider than the bar");
        }
    }

    private Task OpenAsync(string path, string pageName, Func<Task>? settle = null) => TourAsync(pageName, async () =>
    {
        await browser.OpenAsync(path, pageName);
        if (settle is not null) await settle();
    });

    [Fact]
    public async Task Every_page_is_shot_at_1400_and_400_px_and_none_scrolls_sideways_at_400_px()
    {
        var trained = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "tour: trained on the demo set", owner: "admin");
        var (a, b) = (Seed("tour: baseline", 0.71, 32), Seed("tour: larger images", 0.78, 64));
        host.Get<UserStore>().IssueToken("admin");

        await TourAsync("sign-in", async () => { await Page.GotoAsync(LoginEndpoints.LoginPath); await Page.WaitForSelectorAsync("#sign-in"); });
        await Page.FillAsync("#user", "admin");
        await Page.FillAsync("#password", DashboardHost.AdminPassword);
        await Page.ClickAsync("#sign-in");
        await browser.ReadyAsync("runs");

        await OpenAsync("/runs", "runs");
        await TourAsync("compare", async () => { await browser.OpenAsync($"/runs?compare={a.Id},{b.Id}", "runs"); await Page.WaitForFunctionAsync(ChartsDrawnJs); });
        await OpenAsync("/runs/new", "new-run");
        await OpenAsync("/datasets", "datasets");
        await OpenAsync("/admin/tokens", "tokens");
        await TourAsync("not-found", async () => { await browser.OpenAsync("/no/such/page", "not-found"); });

        await ApiWaits.WaitForAsync(() => host.Get<RunStore>().Find(trained.Id)?.Status == RunStatus.Finished, TimeSpan.FromMinutes(3));
        await OpenAsync($"/runs/{trained.Id}", "run", async () => { await Page.WaitForSelectorAsync("#confusion-matrix"); await Page.WaitForFunctionAsync(ChartsDrawnJs); });
        await TourAsync("predict", async () =>
        {
            await browser.OpenAsync($"/runs/{trained.Id}", "run");
            await Page.WaitForFunctionAsync(ChartsDrawnJs);
            await Page.SetInputFilesAsync("#predict-input", Path.Combine(DemoDataset.Path, "valid", "bag", "0000.png"));
            await Assertions.Expect(Page.Locator("#predict-results table.predictions tr")).ToHaveCountAsync(5);
            await Page.Locator("#predict-results").ScrollIntoViewIfNeededAsync();
        });

        Assert.True(overflows.Count == 0, string.Join("\n", overflows));
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
