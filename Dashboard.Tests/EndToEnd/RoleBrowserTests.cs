using Dashboard.Auth;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Roles in a real browser against a real server with sign-in on: each user signs in through the sign-in page (a real
/// cookie), tries what the pages offer, and signs out with the layout's button. A viewer watches only; a trainer starts
/// and stops their own runs but may not resume another's; an admin resumes anyone's.
/// </summary>
public sealed class RoleBrowserTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private Browser browser = default!;
    private RunSummary adminsRun = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartWithSignInAsync();
        host.Get<UserStore>().Add("vera", Roles.Viewer, "vera-password");
        host.Get<UserStore>().Add("tom", Roles.Trainer, "tom-password");
        adminsRun = host.Get<RunStore>().Create("admin's run", TinyRecipes.Long, owner: "admin"); // stored only: the worker never sees it
        host.Get<RunStore>().SetStatus(adminsRun.Id, RunStatus.Stopped);
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Fact]
    public async Task Each_role_signed_in_through_the_sign_in_page_can_do_what_it_may_and_no_more()
    {
        await SignInAsync("vera", "vera-password");
        await ResumeIsRefusedAsync();
        await SubmitAsync(expectRefusal: true);
        Assert.DoesNotContain(host.Get<RunStore>().List(), r => r.Id != adminsRun.Id);
        await SignOutAsync();

        await SignInAsync("tom", "tom-password");
        await ResumeIsRefusedAsync();
        var toms = await SubmitAsync(expectRefusal: false);
        Assert.Equal("tom", host.Get<RunStore>().Find(toms)!.Owner);
        await browser.Page.ClickAsync("#stop-run");
        await Assertions.Expect(browser.Page.Locator($".status-chip[data-status='{RunStatus.Stopped}']")).ToHaveCountAsync(1, UntilTrainingStops);
        await SignOutAsync();

        await SignInAsync("admin", DashboardHost.AdminPassword);
        await browser.OpenAsync($"/runs/{toms}", "run");
        await browser.Page.ClickAsync("#resume-run");
        await Assertions.Expect(browser.Page.Locator("#resume-run")).ToHaveCountAsync(0); // accepted: queued again, no longer resumable
        Assert.NotEqual(RunStatus.Stopped, host.Get<RunStore>().Find(toms)!.Status);
        await browser.Page.ClickAsync("#stop-run");
        await Assertions.Expect(browser.Page.Locator($".status-chip[data-status='{RunStatus.Stopped}']")).ToHaveCountAsync(1, UntilTrainingStops);
        await SignOutAsync();
    }

    /// <summary>A stop lands at the trainer's next batch; on a loaded machine model set-up or precompute can take a minute first.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions UntilTrainingStops = new() { Timeout = 180_000 };

    private async Task SignInAsync(string user, string password)
    {
        var page = browser.Page;
        await page.GotoAsync("/runs");
        Assert.Contains("/login", page.Url); // not signed in: sent to the sign-in page
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await browser.ReadyAsync("runs"); // back where it was sent from, signed in
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(user);
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == "dashboard.auth" && c.HttpOnly);
    }

    private async Task SignOutAsync()
    {
        await browser.Page.ClickAsync("#sign-out");
        await browser.Page.WaitForSelectorAsync("#sign-in");
        Assert.DoesNotContain(await browser.Page.Context.CookiesAsync(), c => c.Name == "dashboard.auth");
    }

    /// <summary>The admin's stopped run offers Resume, and the click is refused in the handler: the run stays stopped.</summary>
    private async Task ResumeIsRefusedAsync()
    {
        await browser.OpenAsync($"/runs/{adminsRun.Id}", "run");
        await browser.Page.ClickAsync("#resume-run");
        await Assertions.Expect(browser.Page.Locator("#command-error")).ToContainTextAsync("owner or an admin");
        Assert.Equal(RunStatus.Stopped, host.Get<RunStore>().Find(adminsRun.Id)!.Status);
    }

    /// <summary>Submits the form's quick-demo draft; a refusal stays on the form, an accepted run opens its page (its id is returned).</summary>
    private async Task<string> SubmitAsync(bool expectRefusal)
    {
        var page = browser.Page;
        await browser.OpenAsync("/runs/new", "new-run");
        await page.ClickAsync("#submit-run");
        if (expectRefusal)
        {
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("may watch runs but not start them");
            return "";
        }
        await browser.ReadyAsync("run");
        return page.Url.Split('/')[^1];
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}
