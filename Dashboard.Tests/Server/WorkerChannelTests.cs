using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Runs;
using Dashboard.Runs.Workers;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>The worker channel of the real server over HTTP: idempotent numbered batches, stop in the reply, tokens, closed runs.</summary>
public class WorkerChannelTests
{
    [Fact]
    public async Task Batches_sent_twice_or_out_of_order_are_stored_once_each_in_order()
    {
        await using var host = await DashboardHost.StartAsync();
        var (runId, token) = OpenRun(host, CancellationToken.None);
        using var worker = Worker(host, token);

        var first = await PostAsync(worker, runId, Numbered(1, 2));
        var again = await PostAsync(worker, runId, Numbered(1, 2));
        var gap = await PostAsync(worker, runId, Numbered(4));
        var rest = await PostAsync(worker, runId, Numbered(4, 3, 2));

        Assert.Equal([2L, 2L, 2L, 4L], new[] { first.Acknowledged, again.Acknowledged, gap.Acknowledged, rest.Acknowledged });
        var stored = host.Get<RunStore>().Events(runId);
        Assert.Equal([1L, 2L, 3L, 4L], stored.Select(e => e.Sequence));
        Assert.Equal([0, 1, 2, 3], stored.Select(e => ((BatchEnded)e.Event).Iteration));
    }

    [Fact]
    public async Task A_stop_request_is_in_the_reply_to_the_next_batch()
    {
        await using var host = await DashboardHost.StartAsync();
        using var stop = new CancellationTokenSource();
        var (runId, token) = OpenRun(host, stop.Token);
        using var worker = Worker(host, token);

        Assert.False((await PostAsync(worker, runId, Numbered(1))).Stop);
        stop.Cancel();
        Assert.True((await PostAsync(worker, runId, Numbered())).Stop);
    }

    [Fact]
    public async Task Another_runs_token_no_token_an_unknown_run_and_a_closed_run_are_refused()
    {
        await using var host = await DashboardHost.StartAsync();
        var (runId, token) = OpenRun(host, CancellationToken.None);
        var (otherId, otherToken) = OpenRun(host, CancellationToken.None);
        using var worker = Worker(host, token);
        using var other = Worker(host, otherToken);
        using var anonymous = host.Client();

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(other, runId, Numbered(1))).StatusCode);
        var withoutToken = await Post(anonymous, runId, Numbered(1));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(WorkerProtocol.Scheme, withoutToken.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(worker, "no-such-run", Numbered(1))).StatusCode);
        host.Get<WorkerChannels>().Close(runId);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(worker, runId, Numbered(1))).StatusCode);
        Assert.Empty(host.Get<RunStore>().Events(runId));
        Assert.Equal(HttpStatusCode.OK, (await Post(other, otherId, Numbered(1))).StatusCode);
    }

    private static (string RunId, string Token) OpenRun(DashboardHost host, CancellationToken stop)
    {
        var store = host.Get<RunStore>();
        var run = store.Create("worker channel", TinyRecipes.Quick);
        store.SetStatus(run.Id, RunStatus.Running, onlyFrom: RunStatus.Queued);
        return (run.Id, host.Get<WorkerChannels>().Open(run.Id, stop));
    }

    private static HttpClient Worker(DashboardHost host, string token)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(WorkerProtocol.Scheme, token);
        return client;
    }

    private static WorkerBatch Numbered(params long[] sequences) =>
        new(sequences.Select(s => new NumberedEvent(s, new BatchEnded(0, (int)s - 1, 0, 0.01, 1.0))).ToArray());

    private static Task<HttpResponseMessage> Post(HttpClient client, string runId, WorkerBatch batch) =>
        client.PostAsJsonAsync(WorkerProtocol.RunPath(runId) + "/events", batch, EventJson.Options);

    private static async Task<WorkerBatchReply> PostAsync(HttpClient client, string runId, WorkerBatch batch)
    {
        var response = await Post(client, runId, batch);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WorkerBatchReply>(EventJson.Options))!;
    }
}
