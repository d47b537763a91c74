using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Server;

/// <summary>
/// Workers that do not share the server's folder (<c>Dashboard:WorkerFiles:ScratchFolder</c>): real worker processes
/// write to a folder of their own, the server receives their checkpoints and resume points over the worker channel.
/// </summary>
public class WorkerUploadTests
{
    /// <summary>Four epochs of many small batches: a stop sent after the first epoch lands well before the last.</summary>
    private const string FourSlowEpochs = """
        { "data": { "path": "demo", "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 2, "cycleLen": 1, "cycleMult": 1}}, {"fit": {"lr": 0.005, "cycles": 2}} ] }
        """;

    [Fact]
    public async Task A_saved_checkpoint_is_uploaded_to_the_servers_run_folder_and_downloadable()
    {
        using var scratch = new TempFolder();
        await using var host = await WorkerRuns.StartHostAsync(scratchFolder: scratch.Path);
        using var client = host.Client();

        var id = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);

        var onWorker = Path.Combine(scratch.Path, "models", id, "head.ckpt");
        var onServer = Path.Combine(host.Get<DashboardPaths>().ModelsFolderOf(id), "head.ckpt");
        Assert.NotEqual(Path.GetDirectoryName(onWorker), Path.GetDirectoryName(onServer));
        Assert.Equal(await File.ReadAllBytesAsync(onWorker), await File.ReadAllBytesAsync(onServer));
        Assert.Equal(await File.ReadAllBytesAsync(onWorker), await client.GetByteArrayAsync($"/api/runs/{id}/models/head"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(onServer)!, "*.upload"));
    }

    [Fact]
    public async Task A_run_resumed_on_a_machine_without_its_files_continues_from_the_uploaded_resume_point()
    {
        using var scratch = new TempFolder();
        await using var host = await WorkerRuns.StartHostAsync(scratchFolder: scratch.Path);
        using var client = host.Client();
        var id = await WorkerRuns.SubmitAsync(client, FourSlowEpochs);
        var serverRecord = Path.Combine(host.Get<DashboardPaths>().RunFolder(id), ResumeStore.RecordFile);
        await ApiWaits.WaitForAsync(() => File.Exists(serverRecord), TimeSpan.FromMinutes(3));
        (await client.PostAsync($"/api/runs/{id}/stop", null)).EnsureSuccessStatusCode();
        var stopped = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(2));
        Assert.Equal(RunStatus.Stopped, stopped.GetProperty("status").GetString());
        int epochsBefore = stopped.GetProperty("metrics").GetProperty("epochs").GetArrayLength();
        Assert.InRange(epochsBefore, 1, 3);

        Directory.Delete(scratch.Path, recursive: true); // another node: nothing of the run on its disk
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(5));

        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
        var events = RunHistory.Effective(host.Get<RunStore>().Events(id)).Select(e => e.Event).ToList();
        Assert.Equal([0, 1, 2, 3], events.OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.Equal([0, 1], events.OfType<FitStarted>().Select(f => f.FitIndex));
        Assert.True(File.Exists(Path.Combine(scratch.Path, "runs", id, ResumeStore.RecordFile)), "the resumed worker wrote its resume points in its own folder");
    }
}
