using System.Net;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The runs list in Debian Chromium against real Kestrel: search, sort, status filter, tags, delete with a confirmation, and
/// a shared comparison link. Runs are seeded in the store as finished (no training): each with two epochs of metrics.
/// </summary>
public sealed class RunsListBrowserTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;
    private ILocator Rows => Page.Locator("#runs-table .run-row");

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    private static string Recipe(string dataset, int size) =>
        $$$"""{ "data": { "path": "{{{dataset}}}", "size": {{{size}}}, "batchSize": 64 }, "arch": "resnet18", "steps": [ {"fit": {"lr": 0.01, "cycles": 2}} ] }""";

    /// <summary>A finished run with two epochs whose accuracy ends at <paramref name="accuracy"/>.</summary>
    private RunSummary Seed(string name, double accuracy, string dataset = "demo", int size = 32, string status = RunStatus.Finished)
    {
        var store = host.Get<RunStore>();
        var run = store.Create(name, Recipe(dataset, size));
        store.Append(run.Id, new EpochEnded(0, 0, 1.2, 1.0, accuracy - 0.1, 1));
        store.Append(run.Id, new EpochEnded(0, 1, 0.9, 0.8, accuracy, 1));
        store.SetStatus(run.Id, status);
        store.SetResult(run.Id, accuracy, null);
        return run;
    }

    private async Task ExpectNamesAsync(params string[] names) =>
        await Assertions.Expect(Page.Locator("#runs-table .run-row .run-link")).ToHaveTextAsync(names);

    [Fact]
    public async Task Search_narrows_the_rows_to_runs_matching_a_name_or_dataset_and_the_url_keeps_it()
    {
        Seed("cats baseline", 0.8);
        Seed("birds", 0.7, dataset: "/data/flowers-and-birds");
        Seed("dogs", 0.6);
        await browser.OpenAsync("/runs", "runs");
        await Assertions.Expect(Rows).ToHaveCountAsync(3);

        await Page.GetByPlaceholder("Search name, tag or dataset").FillAsync("flowers");
        await ExpectNamesAsync("birds");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=flowers"));
        await Page.GetByPlaceholder("Search name, tag or dataset").FillAsync("CATS");
        await ExpectNamesAsync("cats baseline");
    }

    [Fact]
    public async Task Clicking_the_accuracy_header_sorts_best_first_then_worst_first()
    {
        Seed("middle", 0.7);
        Seed("best", 0.9);
        Seed("worst", 0.4);
        await browser.OpenAsync("/runs", "runs");
        await ExpectNamesAsync("worst", "best", "middle");
        var header = Page.Locator("th[data-sort='accuracy']");

        await header.Locator("button").ClickAsync();
        await ExpectNamesAsync("best", "middle", "worst");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
        await header.Locator("button").ClickAsync();
        await ExpectNamesAsync("worst", "middle", "best");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(Page.Locator("th[data-sort='created']")).ToHaveAttributeAsync("aria-sort", "none");
    }

    [Fact]
    public async Task The_status_filter_shows_only_runs_with_the_chosen_status()
    {
        Seed("done", 0.7);
        Seed("broken", 0.1, status: RunStatus.Failed);
        await browser.OpenAsync("/runs", "runs");
        await Assertions.Expect(Rows).ToHaveCountAsync(2);

        await Page.Locator(".status-filter").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = RunStatus.Failed }).ClickAsync();
        await ExpectNamesAsync("broken");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=failed"));
    }

    [Fact]
    public async Task Tags_edited_in_the_dialog_show_as_chips_and_a_search_by_tag_finds_the_run()
    {
        var run = Seed("tagged", 0.7);
        Seed("other", 0.6);
        await browser.OpenAsync("/runs", "runs");

        await Page.Locator($".run-row[data-run='{run.Id}'] .edit-annotations").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await dialog.Locator("input").First.FillAsync("bad tag!");
        await dialog.Locator("#save-annotations").ClickAsync();
        await Assertions.Expect(dialog.Locator("#annotation-error")).ToContainTextAsync("may hold only letters");
        await dialog.Locator("input").First.FillAsync("ablation, lr-sweep");
        await dialog.Locator("textarea").First.FillAsync("higher rate, same data");
        await dialog.Locator("#save-annotations").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        var row = Page.Locator($".run-row[data-run='{run.Id}']");
        await Assertions.Expect(row.Locator(".run-tag")).ToHaveTextAsync(["ablation", "lr-sweep"]);
        await Assertions.Expect(row.Locator(".run-note")).ToHaveTextAsync("higher rate, same data");
        await Page.GetByPlaceholder("Search name, tag or dataset").FillAsync("ablation");
        await ExpectNamesAsync("tagged");
        await browser.ScreenshotAsync("runs-list-tagged");
    }

    [Fact]
    public async Task Delete_after_confirmation_removes_the_row_the_run_and_its_files()
    {
        var run = Seed("doomed", 0.5);
        Seed("kept", 0.6);
        var checkpoints = Directory.CreateDirectory(host.Get<DashboardPaths>().ModelsFolderOf(run.Id)).FullName;
        File.WriteAllText(Path.Combine(checkpoints, "stage1.ckpt"), "weights");
        await browser.OpenAsync("/runs", "runs");

        await Page.Locator($".run-row[data-run='{run.Id}'] .delete-run").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Delete doomed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(Rows).ToHaveCountAsync(2);

        await Page.Locator($".run-row[data-run='{run.Id}'] .delete-run").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await ExpectNamesAsync("kept");
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{run.Id}")).StatusCode);
        Assert.False(Directory.Exists(checkpoints));
    }

    [Fact]
    public async Task A_shared_compare_link_opens_with_the_comparison_and_the_config_diff_names_the_differing_field()
    {
        var small = Seed("small images", 0.7, size: 32);
        var large = Seed("large images", 0.8, size: 64);
        Seed("not compared", 0.5);

        await browser.OpenAsync($"/runs?compare={small.Id},{large.Id}", "runs");

        var diff = Page.Locator("#compare-config-diff");
        await Assertions.Expect(diff.Locator("tr[data-differs='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(diff.Locator("tr[data-field='size'][data-differs='true'] td")).ToHaveTextAsync(["size", "32", "64"]);
        await Assertions.Expect(diff.Locator("tr[data-field='arch']")).ToHaveAttributeAsync("data-differs", "false");
        foreach (var chart in new[] { "chart-compare-train-loss", "chart-compare-loss", "chart-compare-accuracy" })
        {
            await browser.WaitForPlottedAsync(chart, 2, trace: 0);
            await browser.WaitForPlottedAsync(chart, 2, trace: 1);
        }
        await Assertions.Expect(Page.Locator($".run-row[data-run='{large.Id}'] input[type=checkbox]")).ToBeCheckedAsync();
        await browser.ScreenshotAsync("runs-compare-link");
    }

    [Fact]
    public async Task A_signed_in_trainer_may_edit_and_delete_only_their_own_runs_and_filters_by_owner()
    {
        await using var secured = await DashboardHost.StartWithSignInAsync();
        secured.Get<Dashboard.Auth.UserStore>().Add("tom", Dashboard.Auth.Roles.Trainer, "tom-password");
        var store = secured.Get<RunStore>();
        var (toms, admins) = (store.Create("tom's run", Recipe("demo", 32), "tom"), store.Create("admin's run", Recipe("demo", 32), "admin"));
        foreach (var run in new[] { toms, admins }) store.SetStatus(run.Id, RunStatus.Finished);
        await using var signedIn = await Browser.LaunchAsync(secured.BaseAddress);
        var page = signedIn.Page;
        await page.GotoAsync("/runs");
        await page.FillAsync("#user", "tom");
        await page.FillAsync("#password", "tom-password");
        await page.ClickAsync("#sign-in");
        await signedIn.ReadyAsync("runs");

        await Assertions.Expect(page.Locator($".run-row[data-run='{toms.Id}'] .delete-run")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($".run-row[data-run='{toms.Id}'] .edit-annotations")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($".run-row[data-run='{admins.Id}'] .delete-run")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($".run-row[data-run='{admins.Id}'] .edit-annotations")).ToHaveCountAsync(0);
        await page.Locator(".owner-filter").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "admin" }).ClickAsync();
        await Assertions.Expect(page.Locator("#runs-table .run-row .run-link")).ToHaveTextAsync(["admin's run"]);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("owner=admin"));
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
