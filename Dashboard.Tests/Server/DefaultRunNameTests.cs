using Dashboard.Runs;
using Dashboard.Tests.Components;

namespace Dashboard.Tests.Server;

public sealed class DefaultRunNameTests
{
    [Fact]
    public async Task Runs_submitted_without_a_name_get_numbered_default_names_and_a_given_name_is_kept()
    {
        await using var context = new DashboardTestContext();
        var queue = context.Get<RunQueue>();
        var commands = context.Get<RunCommands>();

        var names = new List<string>();
        foreach (var name in new[] { null, null, " ", "mine", "mine" })
        {
            var run = queue.Submit(TinyRecipes.Long, name);
            commands.Stop(run.Id, TestUsers.Anonymous); // only the names matter here
            names.Add(run.Name);
        }

        Assert.Equal(["resnet18 on demo @32px", "resnet18 on demo @32px #2", "resnet18 on demo @32px #3", "mine", "mine"], names);
    }
}
