using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Server;

/// <summary>
/// A stop and a resume through the real server (Kestrel on loopback, SQLite, the SignalR .NET client): the history is
/// append-only, so a follower that saw every event up to the stop gets every later one after the resume, numbered on
/// without a gap or a reuse, and the history as it counts (the resume's superseded events dropped) is the one an
/// uninterrupted run of the same recipe gives.
/// </summary>
public sealed class AppendOnlyHistoryTests : IAsyncDisposable
{
    private static readonly TimeSpan Training = TimeSpan.FromMinutes(3);
    private readonly TempFolder root = new();
    private DashboardHost? host;

    public async ValueTask DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
        root.Dispose();
    }

    [Fact]
    public async Task A_follower_of_a_stopped_and_resumed_run_gets_every_new_event_and_the_view_of_an_uninterrupted_run()
    {
        var dataset = ImageFolders.Create(root.Folder("two"), ["a", "b"], trainPerClass: 80, validPerClass: 8);
        host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:DataRoots:0"] = root.Path });
        using var client = host.Client();
        var uninterrupted = await FollowAsync(await SubmitAsync(client, dataset), 0, stopAfterFirstEpoch: false, client);
        var id = await SubmitAsync(client, dataset);

        var beforeStop = await FollowAsync(id, 0, stopAfterFirstEpoch: true, client);
        Assert.Equal(RunStatus.Stopped, (await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), Training)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var afterResume = await FollowAsync(id, beforeStop[^1].Sequence, stopAfterFirstEpoch: false, client);

        var followed = beforeStop.Concat(afterResume).ToList();
        Assert.Equal(Enumerable.Range(1, followed.Count).Select(i => (long)i), followed.Select(e => e.Sequence));
        Assert.Equal(host.Get<RunStore>().Events(id).Select(e => e.Sequence), followed.Select(e => e.Sequence));
        Assert.Contains(afterResume, e => e.Event is RunResumed { EpochsKept: >= 1 });
        var counted = RunHistory.Effective(followed).Select(e => e.Event).ToList();
        var expected = uninterrupted.Select(e => e.Event).ToList();
        Assert.Equal([0, 1, 2], counted.OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.Equal(Batches(expected), Batches(counted));
        Assert.Equal(30, Batches(counted).Count);
        await AssertMetricsCountEachEpochOnceAsync(client, id);
    }

    private async Task AssertMetricsCountEachEpochOnceAsync(HttpClient client, string id)
    {
        var csv = (await client.GetStringAsync($"/api/runs/{id}/metrics.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["1", "2", "3"], csv.Skip(1).Select(line => line.Split(',')[0]));
        var metrics = (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("metrics");
        Assert.Equal(30, metrics.GetProperty("batches").GetInt32());
        Assert.Equal(3, metrics.GetProperty("epochs").GetArrayLength());
        var batches = (await client.GetStringAsync($"/api/runs/{id}/batches.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("iteration,fit,epoch,fitIteration,learningRate,loss", batches[0]);
        var rows = batches.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"{i}"), rows.Select(r => r[0]));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"{i}"), rows.Select(r => r[3])); // one fit: its iterations continue across the resume
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(epoch => Enumerable.Repeat($"{epoch}", 10)), rows.Select(r => r[2]));
    }

    /// <summary>Each batch's place and its scheduled learning rate (a resumed fit continues its schedule).</summary>
    private static List<(int, int, int, double)> Batches(IEnumerable<TrainingEvent> events) =>
        events.OfType<BatchEnded>().Select(b => (b.FitIndex, b.Epoch, b.Iteration, b.LearningRate)).ToList();

    /// <summary>Follows a run through the hub from <paramref name="after"/> until its stream ends; optionally stops it once its first epoch arrives.</summary>
    private async Task<List<RunEvent>> FollowAsync(string id, long after, bool stopAfterFirstEpoch, HttpClient client)
    {
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(host!.BaseAddress, TrainingHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        await connection.StartAsync();
        using var timeout = new CancellationTokenSource(Training);
        var received = new List<RunEvent>();
        await foreach (var runEvent in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), id, after, timeout.Token))
        {
            received.Add(runEvent);
            if (stopAfterFirstEpoch && runEvent.Event is EpochEnded && received.Count(e => e.Event is EpochEnded) == 1)
                Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        }
        return received;
    }

    private static async Task<string> SubmitAsync(HttpClient client, string dataset)
    {
        var submitted = await client.PostAsync("/api/runs", ApiWaits.Json($$$"""
            { "data": { "path": {{{JsonSerializer.Serialize(dataset)}}}, "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 3}} ] }
            """));
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
