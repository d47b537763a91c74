using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Bench.Load;

/// <summary>
/// Hosts the dashboard in this process (<see cref="LoopbackDashboard"/>, with a temporary data folder), runs a fit alone, the same fit watched by hub clients and HTTP pollers, and the fit alone again.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("dashboard-load-").FullName;
        try
        {
            await using var app = LoopbackDashboard.Build(folder, new Dictionary<string, string?> { ["Dashboard:Executor"] = Runs.Executors.ExecutorNames.InProcess });
            await app.StartAsync();
            var address = new Uri(app.Urls.First());
            var queue = app.Services.GetRequiredService<RunQueue>();
            var store = app.Services.GetRequiredService<RunStore>();
            log.WriteLine($"load: dashboard on {address}; a warm-up fit (not measured), then the fit alone…");
            await FitAloneAsync(queue, store, options with { Epochs = 1 });
            var before = await FitAloneAsync(queue, store, options);
            log.WriteLine($"load: {before:F2} batches/s alone; {options.Clients} hub clients and {options.Pollers} pollers watch the same fit…");
            var (watched, delays, epochs, complete, polls) = await FitWatchedAsync(address, queue, store, options);
            log.WriteLine($"load: {watched:F2} batches/s watched; the fit alone again…");
            var after = await FitAloneAsync(queue, store, options);
            await app.StopAsync();
            return new LoadReport(options, before, watched, after, delays, epochs, complete, polls, clock.Elapsed.TotalSeconds);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task<double> FitAloneAsync(RunQueue queue, RunStore store, LoadOptions options)
    {
        var run = queue.Submit(options.FitRecipe(), "load: alone");
        await WaitUntilEndedAsync(store, run.Id, options.RunLimit);
        return BatchesPerSecond(store, run.Id);
    }

    private static async Task<(double Watched, List<double> Delays, int Epochs, int Complete, int Polls)> FitWatchedAsync(
        Uri address, RunQueue queue, RunStore store, LoadOptions options)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => ConnectAsync(address)));
        try
        {
            var run = queue.Submit(options.FitRecipe(), "load: watched");
            var delays = new ConcurrentBag<double>();
            using var stopPolling = new CancellationTokenSource();
            var polls = Enumerable.Range(0, options.Pollers).Select(_ => PollAsync(address, run.Id, options.PollInterval, stopPolling.Token)).ToArray();
            var received = await Task.WhenAll(clients.Select(client => FollowAsync(client, run.Id, delays, options.RunLimit)));
            await WaitUntilEndedAsync(store, run.Id, options.RunLimit); // with no clients, nothing above waited
            await stopPolling.CancelAsync();
            int pollCount = (await Task.WhenAll(polls)).Sum();
            var epochs = store.Events(run.Id).Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch).ToArray();
            int complete = received.Count(events => events.OfType<EpochEnded>().Select(e => e.Epoch).SequenceEqual(epochs));
            return (BatchesPerSecond(store, run.Id), delays.ToList(), epochs.Length, complete, pollCount);
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    private static async Task<HubConnection> ConnectAsync(Uri address)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(address, TrainingHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Every event of the run; delays only for events emitted after the client subscribed (not the replayed history).</summary>
    private static async Task<List<TrainingEvent>> FollowAsync(HubConnection connection, string runId, ConcurrentBag<double> delays, TimeSpan limit)
    {
        var events = new List<TrainingEvent>();
        using var timeout = new CancellationTokenSource(limit);
        var subscribed = DateTimeOffset.UtcNow;
        await foreach (var e in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), runId, 0L, timeout.Token))
        {
            if (e.Event is BatchEnded or EpochEnded && e.Event.At >= subscribed) delays.Add((DateTimeOffset.UtcNow - e.Event.At).TotalMilliseconds);
            events.Add(e.Event);
        }
        return events;
    }

    private static async Task<int> PollAsync(Uri address, string runId, TimeSpan interval, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address };
        int polls = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", stop);
                polls++;
                await Task.Delay(interval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        return polls;
    }

    private static async Task WaitUntilEndedAsync(RunStore store, string runId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (store.Find(runId) is { } run && RunStatus.IsActive(run.Status))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {runId} did not end within {limit.TotalMinutes:F0} minutes");
            await Task.Delay(100);
        }
        RequireFinished(store, runId);
    }

    private static void RequireFinished(RunStore store, string runId)
    {
        var run = store.Find(runId) ?? throw new InvalidOperationException($"run {runId} vanished");
        if (run.Status != RunStatus.Finished) throw new InvalidOperationException($"run {runId} ended {run.Status}: {run.Message}");
    }

    /// <summary>Batches per second between the run's first and last batch (epoch validation included on both sides alike).</summary>
    private static double BatchesPerSecond(RunStore store, string runId)
    {
        var batches = store.Events(runId).Select(e => e.Event).OfType<BatchEnded>().ToArray();
        return batches.Length < 2 ? double.NaN : (batches.Length - 1) / (batches[^1].At - batches[0].At).TotalSeconds;
    }
}
