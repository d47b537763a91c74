using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;
using static TorchSharp.torch;

namespace Dashboard.Tests.Server;

/// <summary>The <c>Torch</c> section reaches the trainer (device, libtorch threads), and a bad value stops the server at start, naming the setting.</summary>
public class TorchSettingsTests
{
    [Theory]
    [InlineData("Torch:Device", "tpu", "Torch:Device must be auto, cpu or cuda")]
    [InlineData("Torch:Threads", "-1", "Torch:Threads must be between 0 and 1024")]
    [InlineData("Torch:Threads", "many", "Torch:Threads")]
    public async Task A_bad_torch_setting_stops_the_server_at_start_naming_the_setting(string setting, string value, string message)
    {
        using var folder = new TempFolder();
        await using var app = LoopbackDashboard.Build(folder.Path, new Dictionary<string, string?> { [setting] = value });

        var error = await Record.ExceptionAsync(() => app.StartAsync());

        Assert.NotNull(error);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Torch_device_cuda_is_the_device_a_run_uses_and_without_cuda_the_run_fails_saying_so()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Torch:Device"] = "cuda" });
        var id = host.Get<RunQueue>().Submit(TinyRecipes.Quick).Id;
        var store = host.Get<RunStore>();
        await ApiWaits.WaitForRunAsync(store, id, () => store.Events(id).Any(e => e.Event is RunStarted) || !RunStatus.IsActive(store.Find(id)!.Status), TimeSpan.FromMinutes(2));

        if (cuda.is_available())
        {
            Assert.Equal("cuda", store.Events(id).Select(e => e.Event).OfType<RunStarted>().Single().Device.Split(':')[0]);
            return;
        }
        var run = store.Find(id)!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("Torch:Device is 'cuda' but CUDA is not available", run.Message);
    }

    [Fact]
    public async Task Torch_threads_is_the_number_of_libtorch_threads_a_run_trains_with()
    {
        const int threads = 3; // not this machine's default (its core count) unless it has 3 cores
        using var folder = new TempFolder();
        using var server = await DashboardProcess.StartAsync(AppContext.BaseDirectory, folder.Path, new Dictionary<string, string> { ["Torch__Threads"] = $"{threads}" });
        using var client = server.Client();
        var submitted = await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Quick));
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonElement started = default;
        await ApiWaits.WaitForAsync(async () =>
        {
            var events = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/events");
            started = events.EnumerateArray().Select(e => e.GetProperty("event")).FirstOrDefault(e => e.GetProperty("type").GetString() == "runStarted");
            return started.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromMinutes(2));

        Assert.True(started.TryGetProperty("threads", out var reported), started.ToString());
        Assert.Equal(threads, reported.GetInt32());
    }
}
