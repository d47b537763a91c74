using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Server;

public class TrainingHubTests
{
    [Fact]
    public async Task A_client_following_from_the_start_receives_every_event_of_the_run_in_order()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, TrainingHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        await connection.StartAsync();
        var id = (await (await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Quick))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var received = new List<RunEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var runEvent in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), id, 0L, timeout.Token)) received.Add(runEvent);

        var stored = host.Get<RunStore>().Events(id);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), received.Select(e => e.Sequence));
        Assert.Equal(stored.Select(e => e.Event.GetType()), received.Select(e => e.Event.GetType()));
        Assert.IsType<RunStarted>(received[0].Event);
        Assert.IsType<RunCompleted>(received[^1].Event);
        Assert.Equal(2, received.Count(e => e.Event is EpochEnded));
    }

    [Fact]
    public async Task A_late_follower_gets_the_history_after_its_sequence_number()
    {
        await using var host = await DashboardHost.StartAsync();
        var queue = host.Get<RunQueue>();
        var run = queue.Submit(TinyRecipes.Quick);
        await ApiWaits.WaitForRunAsync(host.Get<RunStore>(), run.Id, () => host.Get<RunStore>().Find(run.Id)!.Status == RunStatus.Finished, TimeSpan.FromMinutes(3));
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, TrainingHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        await connection.StartAsync();

        var received = new List<RunEvent>();
        await foreach (var e in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), run.Id, 5L)) received.Add(e);

        Assert.Equal(6, received[0].Sequence);
        Assert.Equal(host.Get<RunStore>().Events(run.Id).Count - 5, received.Count);
    }
}
