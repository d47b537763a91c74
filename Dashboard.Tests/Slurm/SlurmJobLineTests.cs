using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Runs;
using Dashboard.Runs.Slurm;
using Dashboard.Tests.Components;

namespace Dashboard.Tests.Slurm;

/// <summary>The run page shows the run's Slurm job as Slurm reports it, and follows its state while the run is active.</summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmJobLineTests
{
    [SkippableFact]
    public async Task The_run_page_shows_the_job_id_and_follows_its_state_from_running_to_cancelled()
    {
        SlurmCluster.RequireRunning();
        await using var context = new DashboardTestContext();
        var run = context.Store.Create("on the cluster", Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe);
        context.Store.SetStatus(run.Id, RunStatus.Running);
        var jobId = await context.Get<SlurmCommands>().SubmitAsync(["--job-name=dashboard-page-test", "--output=/dev/null"], "#!/bin/sh\nsleep 300\n",
            new Dictionary<string, string>(), CancellationToken.None);
        context.Get<SlurmJobs>().Record(run.Id, new SlurmJobRecord(jobId, []));

        var page = context.Render<RunPage>(p => p.Add(r => r.Id, run.Id));
        page.WaitForAssertion(() => Assert.Equal("RUNNING", page.Find("#slurm-job-state").TextContent), TimeSpan.FromSeconds(60));
        Assert.Contains($"Slurm job {jobId}", page.Find("#slurm-job").TextContent);
        SlurmCluster.Cancel(jobId);

        page.WaitForAssertion(() => Assert.Matches("^(COMPLETING|CANCELLED)$", page.Find("#slurm-job-state").TextContent), TimeSpan.FromSeconds(60));
    }
}
