using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Runs.Slurm;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;
using Xunit.Abstractions;

namespace Dashboard.Tests.Slurm;

/// <summary>Runs as jobs of the real one-node Slurm cluster (<c>Dashboard:Executor = slurm</c>), submitted and controlled through the REST API.</summary>
[Collection(SlurmCollection.Name)]
public class SlurmExecutorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [SkippableFact]
    public async Task A_demo_run_submitted_through_the_api_is_a_slurm_job_in_squeue_and_finishes_with_its_events_and_accuracy()
    {
        SlurmCluster.RequireRunning();
        await using var host = await SlurmCluster.StartHostAsync();
        using var client = host.Client();

        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Quick);
        var queued = new List<string>();
        await ApiWaits.WaitForAsync(() => (queued = [.. SlurmCluster.QueuedJobs($"dashboard-{id}")]).Count > 0, RunTimeout);
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Finished == run.GetProperty("status").GetString(), run.ToString());
        Assert.True(run.GetProperty("run").GetProperty("accuracy").GetDouble() > 0);
        var job = run.GetProperty("slurm");
        Assert.Equal(queued.Single(), job.GetProperty("jobId").GetString());
        var events = host.Get<RunStore>().Events(id);
        WorkerRuns.AssertCompleteAndInOrder(events);
        Assert.IsType<RunCompleted>(events[^1].Event);
        await ApiWaits.WaitForAsync(() => !SlurmCluster.InQueue(queued[0]), RunTimeout);
    }

    [SkippableFact]
    public async Task A_run_stopped_from_the_api_leaves_squeue_within_seconds()
    {
        SlurmCluster.RequireRunning();
        await using var host = await SlurmCluster.StartHostAsync();
        using var client = host.Client();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Long);
        await WorkerRuns.WaitForBatchAsync(host, id);
        var jobId = host.Get<SlurmJobs>().JobId(id)!;
        Assert.True(SlurmCluster.InQueue(jobId));

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
        await ApiWaits.WaitForAsync(() => !SlurmCluster.InQueue(jobId), TimeSpan.FromSeconds(60));
        output.WriteLine($"job {jobId} left squeue {clock.Elapsed.TotalSeconds:F1} s after the stop");
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Stopped == run.GetProperty("status").GetString(), run.ToString());
        Assert.Contains(host.Get<RunStore>().Events(id), e => e.Event is FitStopped); // the worker stopped at a batch, it was not killed
    }

    [SkippableFact]
    public async Task A_job_cancelled_outside_the_dashboard_leaves_its_run_interrupted_with_slurms_reason_and_it_resumes_to_the_end()
    {
        SlurmCluster.RequireRunning();
        await using var host = await SlurmCluster.StartHostAsync();
        using var client = host.Client();
        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.FourEpochs);
        var resume = new ResumeStore(host.Get<DashboardPaths>().RunFolder(id));
        await ApiWaits.WaitForAsync(() => resume.TryRead() is not null, RunTimeout);
        var jobId = host.Get<SlurmJobs>().JobId(id)!;

        SlurmCluster.Cancel(jobId);
        var interrupted = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Interrupted == interrupted.GetProperty("status").GetString(), interrupted.ToString());
        Assert.Contains($"Slurm job {jobId} ended before the run did: CANCELLED", interrupted.GetProperty("run").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);
        Assert.True(RunStatus.Finished == finished.GetProperty("status").GetString(), finished.ToString());
        Assert.NotEqual(jobId, finished.GetProperty("slurm").GetProperty("jobId").GetString());
        var epochs = finished.GetProperty("metrics").GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal(new[] { 0, 1, 2, 3 }, epochs);
    }

    [SkippableFact]
    public async Task A_restart_mid_fit_leaves_the_job_training_and_the_restarted_server_takes_every_epoch_once()
    {
        SlurmCluster.RequireRunning();
        using var proxy = new PausableProxy();
        var folder = Directory.CreateTempSubdirectory("slurm-reattach-").FullName;
        var behindProxy = new Dictionary<string, string?> { ["Dashboard:Process:ServerUrl"] = proxy.Address.ToString() };
        string id, jobId;
        await using (var first = await SlurmCluster.StartHostAsync(behindProxy, folder))
        {
            proxy.Target = first.BaseAddress;
            using var client = first.Client();
            id = await WorkerRuns.SubmitAsync(client, TinyRecipes.FourEpochs);
            await ApiWaits.WaitForAsync(() => first.Get<RunStore>().Events(id).Any(e => e.Event is EpochEnded), RunTimeout);
            jobId = first.Get<SlurmJobs>().JobId(id)!;
        }
        Assert.True(SlurmCluster.InQueue(jobId), "the job outlives the server");

        await using var second = await SlurmCluster.StartHostAsync(behindProxy, folder);
        proxy.Target = second.BaseAddress;
        using var restartedClient = second.Client();
        var run = await ApiWaits.WaitForStatusAsync(restartedClient, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Finished == run.GetProperty("status").GetString(), run.ToString());
        Assert.Equal(jobId, run.GetProperty("slurm").GetProperty("jobId").GetString()); // the same job, not a resubmission
        var events = second.Get<RunStore>().Events(id);
        WorkerRuns.AssertCompleteAndInOrder(events);
        Assert.Equal(new[] { 0, 1, 2, 3 }, events.Select(e => e.Event).OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.DoesNotContain(events, e => e.Event is RunEnded); // never interrupted
        Directory.Delete(folder, recursive: true);
    }

    [SkippableFact]
    public async Task A_job_cancelled_while_the_server_was_down_leaves_its_run_interrupted_with_slurms_reason_at_the_next_start()
    {
        SlurmCluster.RequireRunning();
        var folder = Directory.CreateTempSubdirectory("slurm-reattach-cancelled-").FullName;
        string id, jobId;
        await using (var first = await SlurmCluster.StartHostAsync(dataFolder: folder))
        {
            using var client = first.Client();
            id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Long);
            await WorkerRuns.WaitForBatchAsync(first, id);
            jobId = first.Get<SlurmJobs>().JobId(id)!;
        }
        SlurmCluster.Cancel(jobId);
        await ApiWaits.WaitForAsync(() => !SlurmCluster.InQueue(jobId), TimeSpan.FromSeconds(60));

        await using var second = await SlurmCluster.StartHostAsync(dataFolder: folder);
        using var restartedClient = second.Client();
        var run = await ApiWaits.WaitForStatusAsync(restartedClient, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.True(RunStatus.Interrupted == run.GetProperty("status").GetString(), run.ToString());
        Assert.Contains($"Slurm job {jobId} ended before the run did: CANCELLED", run.GetProperty("run").GetProperty("message").GetString());
        Directory.Delete(folder, recursive: true);
    }

    [SkippableFact]
    public async Task An_sbatch_that_refuses_the_job_fails_the_run_with_slurms_message_and_the_dashboard_keeps_serving()
    {
        SlurmCluster.RequireRunning();
        await using var host = await SlurmCluster.StartHostAsync(new Dictionary<string, string?> { ["Dashboard:Slurm:Partition"] = "no-such-partition" });
        using var client = host.Client();

        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Quick);
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.Equal(RunStatus.Failed, run.GetProperty("status").GetString());
        var message = run.GetProperty("run").GetProperty("message").GetString()!;
        Assert.StartsWith("sbatch failed", message);
        Assert.Contains("invalid partition", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("slurm").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Without_slurm_a_run_fails_saying_sbatch_could_not_be_started_and_the_dashboard_keeps_serving()
    {
        var empty = Directory.CreateTempSubdirectory("no-slurm-").FullName;
        await using var host = await SlurmCluster.StartHostAsync(new Dictionary<string, string?> { ["Dashboard:Slurm:CommandsFolder"] = empty });
        using var client = host.Client();

        var id = await WorkerRuns.SubmitAsync(client, TinyRecipes.Quick);
        var run = await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), RunTimeout);

        Assert.Equal(RunStatus.Failed, run.GetProperty("status").GetString());
        Assert.Contains($"{Path.Combine(empty, "sbatch")} could not be started", run.GetProperty("run").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var next = await WorkerRuns.SubmitAsync(client, TinyRecipes.Quick);
        Assert.Equal(RunStatus.Failed, (await ApiWaits.WaitForStatusAsync(client, next, s => !RunStatus.IsActive(s), RunTimeout)).GetProperty("status").GetString());
        Directory.Delete(empty);
    }
}

/// <summary>The Slurm tests share the two-core cluster: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SlurmCollection
{
    public const string Name = "slurm";
}
