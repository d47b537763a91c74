using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Slurm;

/// <summary>A Slurm job whose node does not share the server's folder (<c>Dashboard:WorkerFiles:ScratchFolder</c>), on the one-node cluster.</summary>
[Collection(SlurmCollection.Name)]
public class SlurmUploadTests
{
    [SkippableFact]
    public async Task A_job_writing_to_its_scratch_folder_uploads_its_checkpoint_to_the_server()
    {
        SlurmCluster.RequireRunning();
        using var scratch = new TempFolder();
        await using var host = await SlurmCluster.StartHostAsync(new Dictionary<string, string?> { ["Dashboard:WorkerFiles:ScratchFolder"] = scratch.Path });
        using var client = host.Client();

        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.SavesHead);
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(5));

        Assert.True(RunStatus.Finished == run.GetProperty("status").GetString(), run.ToString());
        var onNode = await File.ReadAllBytesAsync(Path.Combine(scratch.Path, "models", id, "head.ckpt"));
        Assert.Equal(onNode, await client.GetByteArrayAsync($"/api/runs/{id}/models/head"));
        Assert.True(File.Exists(Path.Combine(host.Get<DashboardPaths>().RunFolder(id), "resume.json")), "the resume point reached the server");
        Assert.NotEmpty(Directory.GetFiles(scratch.Path, "slurm-*.out"));
    }
}
