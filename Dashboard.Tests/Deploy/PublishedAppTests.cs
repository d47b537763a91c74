using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Runs.Executors;
using Dashboard.Tests.Data;
using Dashboard.Tests.Server;
using Dashboard.Training;

namespace Dashboard.Tests.Deploy;

/// <summary>
/// Issue 12's "done": the Release publish output, started the way README's systemd unit starts it (Production, the
/// training environment), serves the dashboard and finishes a demo run. It needs the pretrained ONNX files and the
/// native libraries (libLibTorchSharp.so patched where the system libstdc++ is older) in the publish folder.
/// </summary>
public sealed class PublishedAppTests : IDisposable
{
    private const string DemoRecipe = """
        { "data": { "path": "demo", "size": 16, "batchSize": 128 }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 1}} ] }
        """;

    private readonly TempFolder output = new();
    private readonly TempFolder data = new();
    private DashboardProcess? dashboard;

    [Fact]
    public async Task The_published_app_serves_the_dashboard_and_finishes_a_demo_run()
    {
        await PublishedApp.PublishAsync(output.Path);
        Assert.True(File.Exists(Path.Combine(output.Path, "pretrained", "ResNet18.onnx")), "ResNet18.onnx published");
        Assert.True(File.Exists(Path.Combine(output.Path, "pretrained", "ResNetPreprocess.onnx")), "ResNetPreprocess.onnx published");
        Assert.True(File.Exists(Path.Combine(output.Path, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")), "libLibTorchSharp.so published");

        dashboard = await DashboardProcess.StartAsync(output.Path, data.Path, ProductionEnvironment());
        using var client = dashboard.Client();

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<title>Transfer learning dashboard</title>", await home.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js")).StatusCode);

        var submitted = await client.PostAsync("/api/runs", ApiWaits.Json(DemoRecipe));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await ApiWaits.WaitForStatusAsync(client, id, status => !RunStatus.IsActive(status), TimeSpan.FromMinutes(3));
        Assert.True(RunStatus.Finished == run.GetProperty("status").GetString(), run.ToString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Equal(id, list.GetProperty("runs").EnumerateArray().Single().GetProperty("id").GetString());
    }

    private static Dictionary<string, string> ProductionEnvironment() =>
        new(ProcessEnvironment.Recommended) { ["ASPNETCORE_ENVIRONMENT"] = "Production", [DashboardProcess.ExecutorVariable] = ExecutorNames.Process };

    public void Dispose()
    {
        dashboard?.Dispose();
        output.Dispose();
        data.Dispose();
    }
}
