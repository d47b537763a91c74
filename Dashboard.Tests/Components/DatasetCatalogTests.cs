using Dashboard.Configuration;
using Dashboard.Datasets;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Components;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TempFolder root = new();
    private readonly DatasetCatalog catalog;

    public DatasetCatalogTests()
    {
        root.Folder("pets", "train", "cat");
        root.Folder("pets", "valid", "cat");
        root.Folder("notes");
        var options = Options.Create(new DashboardOptions { DataFolder = root.Folder("data"), DataRoots = [root.Path] });
        catalog = new DatasetCatalog(new DashboardPaths(options, new Environment(root.Path)), TimeProvider.System);
    }

    [Fact]
    public void The_demo_and_recognised_children_of_the_roots_are_listed()
    {
        Assert.Equal(["demo", Path.Combine(root.Path, "pets")], catalog.List().Select(e => e.Key));
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("notes")]
    [InlineData("")]
    public void Other_paths_are_refused(string key) => Assert.Null(catalog.Find(key == "notes" ? Path.Combine(root.Path, key) : key));

    [Fact]
    public void A_path_that_climbs_out_of_a_root_is_refused() =>
        Assert.Null(catalog.Find(Path.Combine(root.Path, "pets", "..", "..", "pets")));

    [Fact]
    public void Only_files_inside_the_roots_or_the_demo_may_be_served()
    {
        var inside = root.File("pets", "train", "cat", "1.png");
        File.WriteAllBytes(inside, [1]);

        Assert.True(catalog.MayServe(inside));
        Assert.False(catalog.MayServe("/etc/passwd"));
        Assert.False(catalog.MayServe(Path.Combine(root.Path, "..", "elsewhere.png")));
    }

    public void Dispose() => root.Dispose();

    private sealed class Environment(string path) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Dashboard";
        public string ContentRootPath { get; set; } = path;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
