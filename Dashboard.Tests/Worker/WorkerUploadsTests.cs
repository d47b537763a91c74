using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Runs.Workers;
using Dashboard.Tests.Data;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Worker;

/// <summary>The worker's upload queue against the real server: what arrives, and what the run's end is told.</summary>
public class WorkerUploadsTests
{
    /// <summary>A run marked running, as the worker's executor leaves it, and its worker channel's token.</summary>
    private static (RunSummary Run, string Token) RunningRun(DashboardHost host)
    {
        var store = host.Get<RunStore>();
        var run = store.Create("uploads", TinyRecipes.Quick);
        store.SetStatus(run.Id, RunStatus.Running, onlyFrom: RunStatus.Queued);
        return (run, host.Get<WorkerChannels>().Open(run.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_checkpoint_over_the_servers_limit_is_named_at_the_end_and_the_files_after_it_still_arrive()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:WorkerFiles:MaxUploadMegabytes"] = "1" });
        var (run, token) = RunningRun(host);
        using var scratch = new TempFolder();
        var big = scratch.File("big.ckpt");
        var small = scratch.File("small.ckpt");
        await File.WriteAllBytesAsync(big, new byte[2 * 1024 * 1024]);
        await File.WriteAllBytesAsync(small, [1, 2, 3]);
        using var connection = new WorkerConnection(host.BaseAddress, run.Id, token, TimeSpan.FromSeconds(60), NullLogger.Instance);
        var uploads = new WorkerUploads(connection, host.Get<DashboardPaths>(), run.Id, NullLogger.Instance);
        var sending = uploads.SendAsync();

        var events = uploads.Watching(new ChannelEventSink(System.Threading.Channels.Channel.CreateUnbounded<TrainingEvent>().Writer));
        events.Emit(new Saved("big", big));
        events.Emit(new Saved("small", small));
        var notUploaded = await uploads.FinishAsync(sending);

        Assert.NotNull(notUploaded);
        Assert.Contains("'big'", notUploaded);
        Assert.Contains("413", notUploaded);
        var models = host.Get<DashboardPaths>().ModelsFolderOf(run.Id);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(models, "small.ckpt")));
        Assert.False(File.Exists(Path.Combine(models, "big.ckpt")));
        Assert.Null(connection.RefusedBecause);
    }

    [Fact]
    public async Task A_checkpoint_saved_while_the_server_is_unreachable_is_retried_and_arrives_once_it_is_back()
    {
        using var proxy = new PausableProxy();
        await using var host = await DashboardHost.StartAsync();
        proxy.Target = host.BaseAddress;
        var (run, token) = RunningRun(host);
        using var scratch = new TempFolder();
        var checkpoint = scratch.File("head.ckpt");
        await File.WriteAllBytesAsync(checkpoint, [4, 5, 6]);
        using var connection = new WorkerConnection(proxy.Address, run.Id, token, TimeSpan.FromSeconds(60), NullLogger.Instance);
        var uploads = new WorkerUploads(connection, host.Get<DashboardPaths>(), run.Id, NullLogger.Instance);
        proxy.Pause();
        var sending = uploads.SendAsync();

        uploads.Watching(new ChannelEventSink(System.Threading.Channels.Channel.CreateUnbounded<TrainingEvent>().Writer)).Emit(new Saved("head", checkpoint));
        await ApiWaits.WaitForAsync(() => proxy.Refused >= 2, TimeSpan.FromSeconds(30)); // tried, and tried again
        var uploaded = Path.Combine(host.Get<DashboardPaths>().ModelsFolderOf(run.Id), "head.ckpt");
        Assert.False(File.Exists(uploaded));
        Assert.False(sending.IsCompleted);
        proxy.Resume();
        var notUploaded = await uploads.FinishAsync(sending);

        Assert.Null(notUploaded);
        Assert.Equal([4, 5, 6], await File.ReadAllBytesAsync(uploaded));
        Assert.False(connection.Lost);
    }
}
