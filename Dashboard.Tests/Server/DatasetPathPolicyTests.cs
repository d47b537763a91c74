using Dashboard.Runs;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Server;

public class DatasetPathPolicyTests : IDisposable
{
    private readonly string top = Directory.CreateTempSubdirectory("roots-").FullName;

    [Fact]
    public async Task Submitted_recipes_may_only_read_the_demo_or_inside_the_data_roots()
    {
        var root = Directory.CreateDirectory(Path.Combine(top, "root")).FullName;
        var inside = Directory.CreateDirectory(Path.Combine(root, "dogscats")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(top, "secret")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "escape"), outside);
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:DataRoots:0"] = root });
        var policy = host.Get<DatasetPathPolicy>();

        Assert.Equal(inside, policy.Require("$.data.path", inside));
        Refused(policy, Path.Combine(root, "..", "secret"));
        Refused(policy, outside);
        Refused(policy, Path.Combine(root, "escape"));
        Refused(policy, "dogscats");
        var error = Assert.Throws<RecipeException>(() => host.Get<RunQueue>().Submit(
            $$"""{"data":{"path":"{{outside}}"},"steps":[{"tta":true}]}"""));
        Assert.Equal("$.data.path", error.Field);
        Assert.Empty(host.Get<RunStore>().List());
    }

    private static void Refused(DatasetPathPolicy policy, string path) =>
        Assert.Equal("$.data.path", Assert.Throws<RecipeException>(() => policy.Require("$.data.path", path)).Field);

    public void Dispose() => Directory.Delete(top, recursive: true);
}
