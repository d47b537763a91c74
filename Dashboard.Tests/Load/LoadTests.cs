using Dashboard.Runs;
using Dashboard.Bench.Load;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Xunit.Abstractions;

namespace Dashboard.Tests.Load;

/// <summary>
/// Many watchers on one fit, loopback only, bounded in count and time: the short form of the <c>load</c> benchmark
/// (its full form reports the p95 delay and throughput drop). Asserts that nothing is lost; prints the figures.
/// </summary>
public class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_hub_clients_and_ten_pollers_watching_one_fit_each_receive_every_epoch_event()
    {
        var log = new StringWriter();

        var report = await LoadRunner.RunAsync(LoadOptions.Short(), log);

        output.WriteLine(log.ToString());
        output.WriteLine(LoadCommand.Table(report));
        Assert.True(report.Epochs >= 1);
        Assert.True(report.EveryClientGotEveryEpoch, $"{report.ClientsWithEveryEpoch} of {report.Options.Clients} clients saw every epoch");
        Assert.Equal(report.Options.Clients, report.ClientsWithEveryEpoch);
        Assert.NotEmpty(report.DelaysMilliseconds);
        Assert.True(report.Polls > 0);
        Assert.True(report.Watched > 0 && report.AloneBefore > 0 && report.AloneAfter > 0);
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
}
