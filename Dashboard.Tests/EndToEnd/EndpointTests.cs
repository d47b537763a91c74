using System.Net;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Microsoft.Extensions.DependencyInjection;

using Dashboard.Tests.Server;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The UI's HTTP endpoints on a real host: images by URL, augmented previews, CSV, checkpoint downloads.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private HttpClient client = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        client = host.Client();
    }

    [Fact]
    public async Task A_demo_image_is_served_as_png()
    {
        var response = await client.GetAsync("/api/datasets/image?dataset=demo&split=valid&index=3");

        response.EnsureSuccessStatusCode();
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Augmented_copies_are_reproducible_and_differ_from_each_other()
    {
        const string url = "/api/datasets/augment?dataset=demo&index=5&preset=top_down&maxZoom=1.3&seed=7&n=8&size=64&k=";

        var first = await client.GetByteArrayAsync(url + 0);
        var again = await client.GetByteArrayAsync(url + 0);
        var other = await client.GetByteArrayAsync(url + 1);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("/api/datasets/image?dataset=/etc&split=valid&index=0", HttpStatusCode.NotFound)]
    [InlineData("/api/datasets/image?dataset=demo&split=valid&index=99999", HttpStatusCode.NotFound)]
    [InlineData("/api/datasets/image?dataset=demo&split=secret&index=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/datasets/augment?dataset=demo&index=0&preset=sideways&k=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/datasets/augment?dataset=demo&index=0&maxZoom=9&k=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/datasets/augment?dataset=demo&index=0&k=8&n=8", HttpStatusCode.BadRequest)]
    [InlineData("/api/images/file?path=/etc/passwd", HttpStatusCode.NotFound)]
    [InlineData("/api/runs/nope/models/nothing-saved", HttpStatusCode.NotFound)]
    [InlineData("/api/runs/nope/metrics.csv", HttpStatusCode.NotFound)]
    public async Task Requests_outside_what_the_dashboard_offers_are_refused(string url, HttpStatusCode status) =>
        Assert.Equal(status, (await client.GetAsync(url)).StatusCode);

    [Fact]
    public async Task A_runs_metrics_download_as_csv_one_line_per_epoch()
    {
        var store = host.Services.GetRequiredService<RunStore>();
        var run = store.Create("csv", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);
        store.Append(run.Id, new EpochEnded(0, 0, 1.25, 0.5, 0.875, 2.5));
        store.Append(run.Id, new EpochEnded(1, 1, 0.75, 0.25, 0.9375, 3));

        var csv = await client.GetStringAsync($"/api/runs/{run.Id}/metrics.csv");

        Assert.Equal("epoch,fit,trainLoss,validLoss,accuracy,seconds\n1,1,1.25,0.5,0.875,2.5\n2,2,0.75,0.25,0.9375,3\n", csv);
    }

    [Fact]
    public async Task A_saved_checkpoint_downloads_by_run_and_name_and_another_runs_name_is_not_its_own()
    {
        var (paths, store) = (host.Services.GetRequiredService<DashboardPaths>(), host.Services.GetRequiredService<RunStore>());
        var (mine, other) = (store.Create("mine", TinyRecipes.Quick), store.Create("other", TinyRecipes.Quick));
        Directory.CreateDirectory(paths.ModelsFolderOf(mine.Id));
        await File.WriteAllBytesAsync(Path.Combine(paths.ModelsFolderOf(mine.Id), "stage-1.ckpt"), [1, 2, 3]);

        var response = await client.GetAsync($"/api/runs/{mine.Id}/models/stage-1");

        Assert.Equal([1, 2, 3], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("stage-1.ckpt", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{other.Id}/models/stage-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/runs/{mine.Id}/models/..%2F..%2Fruns.db")).StatusCode);
    }

    [Fact]
    public async Task The_pages_and_plotly_are_served()
    {
        foreach (var url in new[] { "/", "/runs", "/runs/new", "/datasets", "/_content/Plotly.Blazor/plotly-interop-7.2.0.js", "/_content/MudBlazor/MudBlazor.min.css" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
    }
}
