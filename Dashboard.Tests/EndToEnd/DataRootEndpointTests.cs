using System.Net;
using Dashboard.Tests.Data;

using Dashboard.Tests.Server;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Images of a dataset under a configured data root are served; the same files by other routes are not.</summary>
public sealed class DataRootEndpointTests : IAsyncLifetime
{
    private readonly TempFolder root = new();
    private DashboardHost host = default!;
    private HttpClient client = default!;

    public async Task InitializeAsync()
    {
        ImageFolders.Create(root.Folder("pets"), ["cat", "dog"], trainPerClass: 2, validPerClass: 1);
        host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:DataRoots:0"] = root.Path });
        client = host.Client();
    }

    [Fact]
    public async Task Items_and_files_of_a_root_dataset_are_served_as_png()
    {
        var dataset = Uri.EscapeDataString(Path.Combine(root.Path, "pets"));
        var file = Uri.EscapeDataString(Path.Combine(root.Path, "pets", "valid", "dog", "000.png"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/datasets/image?dataset={dataset}&split=train&index=3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/datasets/augment?dataset={dataset}&index=0&k=2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/images/file?path={file}")).StatusCode);
    }

    [Fact]
    public async Task The_root_itself_and_paths_climbing_out_of_it_are_refused()
    {
        var rootKey = Uri.EscapeDataString(root.Path);
        var climbing = Uri.EscapeDataString(Path.Combine(root.Path, "pets", "..", "..", Path.GetFileName(root.Path), "pets", "..", "..", "x.png"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/datasets/image?dataset={rootKey}&index=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/images/file?path={climbing}")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        root.Dispose();
    }
}
