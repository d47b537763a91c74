using System.Globalization;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// "Notify me" on the run page in Debian Chromium against a real server that trains: the page asks the browser's
/// permission (granted to the context), keeps the opt-in in localStorage, and shows a notification with the run's name,
/// status and accuracy when the run ends while it is open. The page's Notification is the browser's own, wrapped by an
/// init script that records each one shown.
/// </summary>
public sealed class NotificationBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Training = TimeSpan.FromMinutes(3);

    /// <summary>Every notification the page creates goes to window.shownNotifications, then to the browser's own.</summary>
    private const string OptInKey = "dashboard.notify-run-end";
    private const string RecordNotifications = """
        (() => {
          const Browsers = window.Notification;
          window.shownNotifications = [];
          window.Notification = class extends Browsers {
            constructor(title, options) { super(title, options); window.shownNotifications.push({ title, body: options?.body ?? '' }); }
          };
        })();
        """;

    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
        await Page.Context.GrantPermissionsAsync(["notifications"]);
        await Page.AddInitScriptAsync(RecordNotifications);
    }

    [Fact]
    public async Task A_viewer_who_opted_in_is_notified_once_with_name_status_and_accuracy_when_the_run_finishes()
    {
        var blocker = host.Get<RunQueue>().Submit(TinyRecipes.Long, "holds the only slot");
        var run = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "cats vs dogs"); // waits behind the blocker: the page is open before it ends
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        await OptInAsync();
        await Page.ReloadAsync();
        await browser.ReadyAsync("run");
        await Assertions.Expect(Page.Locator("#notify-toggle")).ToBeCheckedAsync(); // kept in localStorage

        Assert.Equal(RunCommandOutcome.Done, host.Get<RunCommands>().Stop(blocker.Id, TestUsers.Anonymous));
        await Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Finished}']", new PageWaitForSelectorOptions { Timeout = (float)Training.TotalMilliseconds });

        var shown = await ShownAsync(1);
        var accuracy = host.Get<RunStore>().Find(run.Id)!.Accuracy!.Value;
        Assert.Equal("cats vs dogs finished", shown[0].Title);
        Assert.Equal("accuracy " + accuracy.ToString("0.00%", CultureInfo.InvariantCulture), shown[0].Body);
        await browser.ScreenshotAsync("run-notify-finished");
    }

    [Fact]
    public async Task A_queued_run_stopped_while_its_page_is_open_notifies_and_opting_out_forgets_the_choice()
    {
        var blocker = host.Get<RunQueue>().Submit(TinyRecipes.Long, "holds the only slot");
        var waiting = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "never started");
        await browser.OpenAsync($"/runs/{waiting.Id}", "run");
        await OptInAsync();

        await Page.ClickAsync("#stop-run");

        var shown = await ShownAsync(1);
        Assert.Equal("never started stopped", shown[0].Title);
        Assert.Equal(RunCommands.StoppedWhileQueued, shown[0].Body);
        await Page.UncheckAsync("#notify-toggle");
        await Page.WaitForFunctionAsync($"() => localStorage.getItem('{OptInKey}') === null");
        await Page.ReloadAsync();
        await browser.ReadyAsync("run");
        await Assertions.Expect(Page.Locator("#notify-toggle")).Not.ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("#notify-toggle")).ToBeEnabledAsync();
        Assert.Equal(RunCommandOutcome.Done, host.Get<RunCommands>().Stop(blocker.Id, TestUsers.Anonymous));
    }

    private sealed record Shown(string Title, string Body);

    /// <summary>The notifications shown so far, once there are <paramref name="count"/>; fails if there are more.</summary>
    private async Task<Shown[]> ShownAsync(int count)
    {
        await Page.WaitForFunctionAsync("n => window.shownNotifications.length >= n", count, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var json = await Page.EvaluateAsync<string>("() => JSON.stringify(window.shownNotifications)");
        var shown = JsonSerializer.Deserialize<Shown[]>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(count, shown.Length);
        return shown;
    }

    /// <summary>Ticks "Notify me" and waits until the server's reply has stored the choice (a reload before that would lose it).</summary>
    private async Task OptInAsync()
    {
        await Page.CheckAsync("#notify-toggle");
        await Page.WaitForFunctionAsync($"() => localStorage.getItem('{OptInKey}') === 'on'");
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
