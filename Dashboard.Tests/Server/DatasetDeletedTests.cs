using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using static Dashboard.Tests.Server.ApiWaits;

namespace Dashboard.Tests.Server;

/// <summary>A dataset deleted while its run trains: the run fails with a message that says so, and keeps its history.</summary>
public sealed class DatasetDeletedTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("dataset-root-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public async Task A_dataset_deleted_mid_run_fails_the_run_clearly_and_keeps_its_history()
    {
        var dataset = Path.Combine(root.FullName, "fashion");
        CopyFolder(DemoDataset.Path, dataset);
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:DataRoots:0"] = root.FullName });
        using var client = host.Client();
        var recipe = $$$"""
            { "data": { "path": {{{JsonSerializer.Serialize(dataset)}}}, "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 20}} ] }
            """;

        var submitted = await client.PostAsync("/api/runs", ApiWaits.Json(recipe));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var store = host.Get<RunStore>();
        await ApiWaits.WaitForRunAsync(store, id, () => store.Events(id).Any(e => e.Event is EpochEnded), TimeSpan.FromMinutes(3));
        Directory.Delete(dataset, recursive: true);
        var run = await WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(2));

        Assert.Equal(RunStatus.Failed, run.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("moved or deleted during the run", run.GetProperty("run").GetProperty("message").GetString());
        Assert.Contains(store.Events(id), e => e.Event is EpochEnded { Epoch: 0 });
        Assert.IsType<RunStarted>(store.Events(id)[0].Event);
        var ended = Assert.IsType<RunEnded>(store.Events(id)[^1].Event);
        Assert.Equal((RunStatus.Failed, run.GetProperty("run").GetProperty("message").GetString()), (ended.Status, ended.Message));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
