using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Runs;
using Microsoft.ML.OnnxRuntime;

namespace Dashboard.Tests.Server;

/// <summary>A run's checkpoint, saved in its own folder, downloads as ONNX that ONNX Runtime opens with the run's classes.</summary>
public class ExportEndpointTests
{
    [Fact]
    public async Task A_finished_runs_latest_checkpoint_exports_as_onnx_at_the_runs_size()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var id = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);

        var response = await client.GetAsync($"/api/runs/{id}/export.onnx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("head.onnx", response.Content.Headers.ContentDisposition?.FileName);
        using var session = new InferenceSession(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(32, session.InputMetadata["input"].Dimensions[2]);
        var classes = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["classes"])!;
        Assert.Equal(10, classes.Length); // Fashion-MNIST
        Assert.True(File.Exists(Path.Combine(host.Get<DashboardPaths>().ModelsFolderOf(id), "head.ckpt")), "saved in the run's own models folder");
        Assert.False(File.Exists(Path.Combine(host.Get<DashboardPaths>().ModelsFolder, "head.ckpt")));
    }
}
