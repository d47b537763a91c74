using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>
/// Resume through the server of failed runs, once their data is there again: one that failed before it finished an
/// epoch has no resume point and starts over, its failed attempt's events superseded; one that failed after an epoch
/// continues from that epoch.
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
            { "data": { "path": {{{JsonSerializer.Serialize(dataset)}}}, "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 2}} ] }
            """));
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatus.Failed, store.Find(id)!.Status);
        Assert.Contains(store.Events(id), e => e.Event is RunEnded { Status: RunStatus.Failed });
        Assert.DoesNotContain(store.Events(id), e => e.Event is EpochEnded);

        ImageFolders.Create(dataset, ["a", "b"], trainPerClass: 80, validPerClass: 8);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(3));

        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
        var stored = store.Events(id);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        var events = RunHistory.Effective(stored); // the failed attempt is superseded, all of it
        Assert.Equal(new RunResumed(0, 0) { At = default }, events[0].Event with { At = default });
        Assert.IsType<RunStarted>(events[1].Event);
        Assert.Single(events, e => e.Event is RunStarted);
        Assert.DoesNotContain(events, e => e.Event is RunEnded);
        Assert.Equal([0, 1], events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.IsType<RunCompleted>(events[^1].Event);
    }

    [Fact]
    public async Task A_run_that_failed_after_an_epoch_resumes_from_that_epoch_and_finishes_with_each_epoch_once()
    {
        using var root = new TempFolder();
        var dataset = ImageFolders.Create(root.Folder("small"), ["a", "b"], trainPerClass: 80, validPerClass: 8);
        var copy = ImageFolders.Create(root.Folder("copy"), ["a", "b"], trainPerClass: 80, validPerClass: 8);
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:DataRoots:0"] = root.Path });
        using var client = host.Client();
        var store = host.Get<RunStore>();
        var id = host.Get<RunQueue>().Submit($$$"""
            { "data": { "path": {{{JsonSerializer.Serialize(dataset)}}}, "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 4}} ] }
            """).Id;
        int deletions = 0; // at the first stored epoch, three to go: the loader meets the missing files before the end even if the worker runs ahead
        using (host.Get<RunNotifier>().SubscribeEvents(id, e =>
        {
            if (e.Event is EpochEnded && Interlocked.Exchange(ref deletions, 1) == 0) Directory.Delete(dataset, recursive: true);
        }))
            await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(2));
        Assert.Equal(RunStatus.Failed, store.Find(id)!.Status);
        var epochsBefore = store.Events(id).Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch).ToList();
        Assert.Contains(0, epochsBefore);

        Directory.Move(copy, dataset);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(2));

        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
        var stored = store.Events(id);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        var events = RunHistory.Effective(stored);
        Assert.Equal([0, 1, 2, 3], events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.DoesNotContain(events, e => e.Event is RunEnded); // the failure came after the resume point: discarded with what followed it
        Assert.Single(events, e => e.Event is FitStarted); // continued inside the fit, not started again
    }
}
