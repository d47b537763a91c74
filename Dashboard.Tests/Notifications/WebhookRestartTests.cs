using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Tests.Server;
using static Dashboard.Tests.Notifications.WebhookHosts;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// Webhooks across a server's stop and start: a run the stop interrupts is still sent, a run a dead server left running is
/// sent as interrupted by the next start, nothing that ended before a start is sent again, and a resumed run's new end is.
/// </summary>
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task A_run_the_server_stop_interrupts_is_posted_as_interrupted_before_the_server_is_gone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var data = new TempFolder();
        string running;
        await using (var host = await DashboardHost.StartAsync(data.Path, Settings(Hook(receiver.Url("/hook")))))
        {
            running = host.Get<RunQueue>().Submit(TinyRecipes.Long, "cut short").Id;
            await ApiWaits.WaitForRunAsync(host.Get<RunStore>(), running, () => host.Get<RunStore>().Find(running)!.Status == RunStatus.Running, TrainingTimeout);
        }

        var post = Assert.Single(receiver.To("/hook")).Body; // sent while the host stopped, not later
        Assert.Equal(running, post.GetProperty("runId").GetString());
        Assert.Equal(RunStatus.Interrupted, post.GetProperty("status").GetString());
        Assert.Equal(RunWorker.InterruptedMessage, post.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_run_left_running_by_a_dead_server_is_posted_as_interrupted_and_runs_that_had_ended_are_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var data = new TempFolder();
        var store = new RunStore(Path.Combine(data.Path, "runs.db"));
        var ended = store.Create("ended before", TinyRecipes.SavesHead);
        store.SetStatus(ended.Id, RunStatus.Finished);
        var crashed = store.Create("crashed", TinyRecipes.SavesHead);
        store.SetStatus(crashed.Id, RunStatus.Running);

        await using var host = await DashboardHost.StartAsync(data.Path, Settings(Hook(receiver.Url("/hook"))));
        var barrier = StoppedBeforeItStarted(host, "barrier");
        var posts = await receiver.WaitForAsync("/hook", 2);

        Assert.Equal([crashed.Id, barrier.Id], posts.Select(p => p.RunId));
        Assert.Equal(RunStatus.Interrupted, posts[0].Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_restart_sends_nothing_for_runs_that_ended_before_it_and_a_resumed_run_that_ends_again_is_sent_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var data = new TempFolder();
        var settings = Settings(Hook(receiver.Url("/hook")));
        string before;
        await using (var first = await DashboardHost.StartAsync(data.Path, settings))
            before = StoppedBeforeItStarted(first, "before the restart").Id;
        await using var second = await DashboardHost.StartAsync(data.Path, settings);
        var after = StoppedBeforeItStarted(second, "after the restart");
        Assert.Equal(RunCommandOutcome.Done, second.Get<RunCommands>().Resume(after.Id, TestUsers.Anonymous));
        await EndedAsync(second, after.Id);
        var barrier = StoppedBeforeItStarted(second, "barrier");

        var posts = await receiver.WaitForAsync("/hook", 4, TrainingTimeout);

        Assert.Equal([before, after.Id, after.Id, barrier.Id], posts.Select(p => p.RunId));
        Assert.Equal(RunStatus.Stopped, posts[1].Body.GetProperty("status").GetString());
        Assert.Equal(RunStatus.Finished, posts[2].Body.GetProperty("status").GetString());
    }
}
