using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Tests.Load;

/// <summary>
/// Many watchers on one fit, loopback only, bounded in count and time. Asserts that nothing is lost; prints the p95
/// event-to-client delay and the fit's throughput with and without watchers (figures, not pass/fail on this shared machine).
/// </summary>
public class LoadTests(ITestOutputHelper output)
{
    private const int Clients = 50;
    private const int Pollers = 10;
    private const string Fit = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 2}} ] }
        """;

    [Fact]
    public async Task Fifty_hub_clients_and_ten_pollers_watching_one_fit_each_receive_every_epoch_event()
    {
        await using var host = await DashboardHost.StartAsync();
        var queue = host.Get<RunQueue>();
        var store = host.Get<RunStore>();
        var baseline = queue.Submit(Fit);
        await ApiWaits.WaitForAsync(() => store.Find(baseline.Id)!.Status == RunStatus.Finished, TimeSpan.FromMinutes(4));

        var watchers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ConnectAsync(host)));
        var run = queue.Submit(Fit);
        var delays = new ConcurrentBag<double>();
        using var stopPolling = new CancellationTokenSource();
        var polls = Enumerable.Range(0, Pollers).Select(_ => PollAsync(host, run.Id, stopPolling.Token)).ToArray();
        var received = await Task.WhenAll(watchers.Select(w => FollowAsync(w, run.Id, delays)));
        stopPolling.Cancel();
        int pollCount = (await Task.WhenAll(polls)).Sum();

        var epochs = store.Events(run.Id).Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch).ToArray();
        Assert.Equal(RunStatus.Finished, store.Find(run.Id)!.Status);
        Assert.All(received, events => Assert.Equal(epochs, events.OfType<EpochEnded>().Select(e => e.Epoch)));
        var sorted = delays.Order().ToArray();
        output.WriteLine($"{Clients} hub clients, {Pollers} pollers ({pollCount} polls): p95 delay {sorted[(int)(sorted.Length * 0.95)]:F1} ms over {sorted.Length} deliveries");
        output.WriteLine($"fit throughput: {BatchesPerSecond(store, baseline.Id):F2} batches/s alone, {BatchesPerSecond(store, run.Id):F2} watched");
        foreach (var watcher in watchers) await watcher.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_queued_runs_on_one_worker_all_finish_in_submission_order()
    {
        await using var host = await DashboardHost.StartAsync();
        const string tiny = """
            { "data": { "path": "demo", "size": 16, "batchSize": 128 }, "arch": "resnet18", "precompute": true, "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 1}} ] }
            """;
        var ids = Enumerable.Range(0, 20).Select(i => host.Get<RunQueue>().Submit(tiny, $"run {i}").Id).ToArray();
        var store = host.Get<RunStore>();

        await ApiWaits.WaitForAsync(() => ids.All(id => store.Find(id)!.Status == RunStatus.Finished), TimeSpan.FromMinutes(6));

        var started = ids.Select(id => store.Find(id)!.StartedAt!.Value).ToArray();
        Assert.Equal(started.Order(), started);
        Assert.All(ids, id => Assert.Single(store.Events(id).Select(e => e.Event).OfType<EpochEnded>()));
    }

    private static async Task<HubConnection> ConnectAsync(DashboardHost host)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, TrainingHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<List<TrainingEvent>> FollowAsync(HubConnection connection, string runId, ConcurrentBag<double> delays)
    {
        var events = new List<TrainingEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await foreach (var e in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), runId, 0L, timeout.Token))
        {
            if (e.Event is BatchEnded or EpochEnded) delays.Add((DateTimeOffset.UtcNow - e.Event.At).TotalMilliseconds);
            events.Add(e.Event);
        }
        return events;
    }

    private static async Task<int> PollAsync(DashboardHost host, string runId, CancellationToken stop)
    {
        using var client = host.Client();
        int polls = 0;
        while (!stop.IsCancellationRequested)
        {
            await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            polls++;
            try { await Task.Delay(200, stop); } catch (OperationCanceledException) { break; }
        }
        return polls;
    }

    private static double BatchesPerSecond(RunStore store, string runId)
    {
        var batches = store.Events(runId).Select(e => e.Event).OfType<BatchEnded>().ToArray();
        return (batches.Length - 1) / (batches[^1].At - batches[0].At).TotalSeconds;
    }
}
