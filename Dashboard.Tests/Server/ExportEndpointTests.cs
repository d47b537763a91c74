using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Microsoft.ML.OnnxRuntime;

namespace Dashboard.Tests.Server;

/// <summary>A run's checkpoint, saved in its own folder, downloads as ONNX that ONNX Runtime opens with the run's classes.</summary>
public class ExportEndpointTests
{
    private const string SavesOnce = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 1}}, {"save": "head"} ] }
        """;

    [Fact]
    public async Task A_finished_runs_latest_checkpoint_exports_as_onnx_at_the_runs_size()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var id = (await (await client.PostAsync("/api/runs", ApiWaits.Json(SavesOnce))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForStatusAsync(client, id, status => status == RunStatus.Finished, TimeSpan.FromMinutes(5));

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
