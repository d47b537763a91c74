using Dashboard.Auth;
using Dashboard.Runs;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Auth;

/// <summary>Ownership is checked where a stop or resume is carried out, whoever asks (page, endpoint or hub).</summary>
public class RunCommandOwnershipTests
{
    [Fact]
    public async Task Only_the_owner_or_an_admin_may_stop_or_resume_a_run_and_a_refusal_changes_nothing()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var store = host.Get<RunStore>();
        var commands = host.Get<RunCommands>();
        var run = store.Create("tom's", TinyRecipes.Long, owner: "tom");
        var tom = User("tom", Roles.Trainer);

        Assert.Equal(RunCommandOutcome.Forbidden, commands.Stop(run.Id, User("tess", Roles.Trainer)));
        Assert.Equal(RunCommandOutcome.Forbidden, commands.Stop(run.Id, User("tom", Roles.Viewer)));
        Assert.Equal(RunCommandOutcome.Forbidden, commands.Stop(run.Id, TestUsers.Anonymous));
        Assert.Equal(RunStatus.Queued, store.Find(run.Id)!.Status);
        Assert.Equal(RunCommandOutcome.NotNow, commands.Resume(run.Id, tom));
        Assert.Equal(RunCommandOutcome.Done, commands.Stop(run.Id, tom));
        Assert.Equal(RunStatus.Stopped, store.Find(run.Id)!.Status);
        Assert.Equal(RunCommandOutcome.NotNow, commands.Stop(run.Id, tom));

        Assert.Equal(RunCommandOutcome.Forbidden, commands.Resume(run.Id, User("tess", Roles.Trainer)));
        Assert.Equal(RunStatus.Stopped, store.Find(run.Id)!.Status);
        Assert.Equal(RunCommandOutcome.Done, commands.Resume(run.Id, User("ada", Roles.Admin)));
        Assert.Equal(RunCommandOutcome.NotFound, commands.Stop("no-such-run", tom));
        Assert.Equal(RunCommandOutcome.Done, commands.Stop(run.Id, tom));
    }

    private static System.Security.Claims.ClaimsPrincipal User(string name, string role) =>
        UserPrincipal.Create(new DashboardUser(name, role), "test");
}
