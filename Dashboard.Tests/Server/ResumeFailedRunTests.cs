using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Data;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>
/// Resume through the server of a run that failed before it finished an epoch (its dataset was not there yet): no
/// resume point, so the run starts over, its failed attempt's events discarded, and finishes once the data is there.
/// </summary>
public class ResumeFailedRunTests
{
    [Fact]
    public async Task A_run_that_failed_before_its_first_epoch_ended_resumes_from_the_start_and_finishes()
    {
        using var root = new TempFolder();
        var dataset = Path.Combine(root.Path, "later");
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:DataRoots:0"] = root.Path });
        using var client = host.Client();
        var store = host.Get<RunStore>();
        var submitted = await client.PostAsync("/api/runs", ApiWaits.Json($$$"""
            { "data": { "path": {{{JsonSerializer.Serialize(dataset)}}}, "size": 32, "batchSize": 64 }, "arch": "resnet18", "precompute": true, "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 2}} ] }
            """));
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatus.Failed, store.Find(id)!.Status);
        Assert.Contains(store.Events(id), e => e.Event is RunEnded { Status: RunStatus.Failed });
        Assert.DoesNotContain(store.Events(id), e => e.Event is EpochEnded);

        CopyFolder(DemoDataset.Path, dataset);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(3));

        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
        var events = store.Events(id);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.IsType<RunStarted>(events[0].Event);
        Assert.Single(events, e => e.Event is RunStarted);
        Assert.DoesNotContain(events, e => e.Event is RunEnded);
        Assert.Equal([0, 1], events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.IsType<RunCompleted>(events[^1].Event);
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
