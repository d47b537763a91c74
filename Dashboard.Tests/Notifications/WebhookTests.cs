using System.Text.Json;
using Dashboard.Notifications;
using Dashboard.Runs;
using Dashboard.Tests.Auth;
using Dashboard.Tests.Data;
using Dashboard.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Dashboard.Tests.Notifications.WebhookHosts;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// The real dashboard telling webhook receivers on real Kestrel (loopback) when runs end: one POST per end, in the hook's
/// format, retried as configured, and never in the way of a run. Most ends here are runs stopped while queued (no
/// training); a later end serves as a barrier: the notifier sends ends in order, so once the later one has arrived,
/// every try for the earlier one has been made. The body formats: <see cref="WebhookFormatTests"/>; restarts: <see cref="WebhookRestartTests"/>.
/// </summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task A_finished_run_is_posted_once_as_json_with_its_figures_and_a_link_under_the_public_url()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await DashboardHost.StartAsync(settings: Settings(Hook(receiver.Url("/json"))));
        var run = await EndedAsync(host, host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "webhook json").Id);
        var barrier = StoppedBeforeItStarted(host, "barrier");

        var posts = await receiver.WaitForAsync("/json", 2);

        Assert.Equal([run.Id, barrier.Id], posts.Select(p => p.RunId));
        var body = posts[0].Body;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("webhook json", body.GetProperty("name").GetString());
        Assert.Equal(RunStatus.Finished, body.GetProperty("status").GetString());
        Assert.Equal(run.Accuracy!.Value, body.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ttaAccuracy").ValueKind);
        Assert.Equal($"{PublicUrl}runs/{run.Id}", body.GetProperty("link").GetString());
        Assert.Equal(run.EndedAt, body.GetProperty("endedAt").GetDateTimeOffset());
        Assert.True(body.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task A_failed_run_is_posted_with_its_message_and_a_hook_for_failures_only_hears_of_nothing_else()
    {
        using var root = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(Hook(receiver.Url("/all")), Hook(receiver.Url("/failures"), WebhookFormats.Json, RunStatus.Failed));
        settings["Dashboard:DataRoots:0"] = root.Path;
        await using var host = await DashboardHost.StartAsync(settings: settings);
        var missing = JsonSerializer.Serialize(Path.Combine(root.Path, "missing"));
        var failed = await EndedAsync(host, host.Get<RunQueue>().Submit($$$"""
            { "data": { "path": {{{missing}}}, "size": 32, "batchSize": 16 }, "arch": "resnet18", "steps": [ {"fit": {"lr": 0.01, "cycles": 1}} ] }
            """, "doomed").Id);
        var barrier = StoppedBeforeItStarted(host, "barrier");

        var all = await receiver.WaitForAsync("/all", 2);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal([failed.Id, barrier.Id], all.Select(p => p.RunId));
        var failure = Assert.Single(receiver.To("/failures")).Body;
        Assert.Equal(failed.Id, failure.GetProperty("runId").GetString());
        Assert.Equal(RunStatus.Failed, failure.GetProperty("status").GetString());
        Assert.Equal(failed.Message, failure.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(failed.Message));
    }

    [Fact]
    public async Task A_hook_answering_500_twice_is_told_on_the_third_try_and_once_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        await using var host = await DashboardHost.StartAsync(settings: Settings(Hook(receiver.Url("/hook"))));
        var run = StoppedBeforeItStarted(host, "retried");
        var barrier = StoppedBeforeItStarted(host, "barrier");

        var posts = await receiver.WaitForAsync("/hook", 4);

        Assert.Equal([run.Id, run.Id, run.Id, barrier.Id], posts.Select(p => p.RunId));
        Assert.All(posts.Take(3), p => Assert.Equal(posts[0].Body.GetRawText(), p.Body.GetRawText()));
    }

    [Fact]
    public async Task A_hook_answering_400_is_not_tried_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync(400);
        await using var host = await DashboardHost.StartAsync(settings: Settings(Hook(receiver.Url("/hook"))));
        var refused = StoppedBeforeItStarted(host, "refused");
        var barrier = StoppedBeforeItStarted(host, "barrier");

        var posts = await receiver.WaitForAsync("/hook", 2);

        Assert.Equal([refused.Id, barrier.Id], posts.Select(p => p.RunId));
    }

    [Fact]
    public async Task A_429_is_tried_again_after_its_Retry_After_not_the_shorter_back_off()
    {
        await using var receiver = await WebhookReceiver.StartAsync(429);
        receiver.RetryAfterSeconds = 2;
        await using var host = await DashboardHost.StartAsync(settings: Settings(Hook(receiver.Url("/hook"))));
        StoppedBeforeItStarted(host, "busy receiver");

        var posts = await receiver.WaitForAsync("/hook", 2);

        Assert.InRange((posts[1].At - posts[0].At).TotalSeconds, 1.9, 30);
    }

    [Fact]
    public async Task A_hook_that_is_down_and_one_that_always_fails_leave_the_run_finished_and_the_dashboard_serving()
    {
        await using var receiver = await WebhookReceiver.StartAsync([.. Enumerable.Repeat(500, 100)]);
        var logs = new LogCapture();
        await using var host = await DashboardHost.StartAsync(settings: Settings(Hook(WebhookReceiver.UnusedUrl()), Hook(receiver.Url("/failing"))),
            services: s => s.AddLogging(l => l.AddProvider(logs)));
        using var client = host.Client();

        var finished = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);

        await receiver.WaitForAsync("/failing", 4); // the first try and 3 retries
        await ApiWaits.WaitForAsync(() => logs.Messages.Count(m => m.Contains($"was not told that run {finished} finished")) == 2, TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatus.Finished, host.Get<RunStore>().Find(finished)!.Status);
        Assert.True((await client.GetAsync(Api.HealthEndpoint.Path)).IsSuccessStatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/runs/{finished}")).StatusCode);
    }
}
