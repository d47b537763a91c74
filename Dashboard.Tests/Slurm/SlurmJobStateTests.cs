using Dashboard.Runs.Slurm;

namespace Dashboard.Tests.Slurm;

public class SlurmJobStateTests
{
    private const string Pending = "JobId=7 JobName=dashboard-abc UserId=root(0) JobState=PENDING Reason=Resources Dependency=(null) ExitCode=0:0 RunTime=00:00:00";

    [Fact]
    public void Scontrol_one_line_output_gives_the_state_reason_and_exit_code()
    {
        var state = SlurmJobState.Parse("7", Pending);

        Assert.Equal(new SlurmJobState("7", "PENDING", "Resources", "0:0"), state);
        Assert.False(state.HasEnded);
        Assert.Equal("PENDING (Resources)", state.Describe());
    }

    [Theory]
    [InlineData("CANCELLED", "None", "0:0", true, "CANCELLED")]
    [InlineData("TIMEOUT", "None", "0:15", true, "TIMEOUT")]
    [InlineData("NODE_FAIL", "NodeDown", "0:0", true, "NODE_FAIL (NodeDown)")]
    [InlineData("FAILED", "NonZeroExitCode", "1:0", false, "FAILED (NonZeroExitCode, exit code 1:0)")]
    [InlineData("COMPLETED", "None", "0:0", false, "COMPLETED")]
    public void Ended_jobs_say_whether_slurm_ended_them(string jobState, string reason, string exitCode, bool bySlurm, string description)
    {
        var state = SlurmJobState.Parse("9", $"JobId=9 JobState={jobState} Reason={reason} ExitCode={exitCode}");

        Assert.True(state.HasEnded);
        Assert.Equal(bySlurm, state.WasEndedBySlurm);
        Assert.Equal(description, state.Describe());
    }

    [Fact]
    public void Completing_is_not_ended_its_processes_are_still_exiting() =>
        Assert.False(SlurmJobState.Parse("3", "JobId=3 JobState=COMPLETING Reason=None ExitCode=0:0").HasEnded);

    [Fact]
    public void The_batch_script_quotes_every_argument_for_the_shell_and_execs_the_worker()
    {
        var script = SlurmBatchScript.For(["/usr/bin/dotnet", "/app/Dashboard.dll", "worker", "--run", "it's $HOME"]);

        Assert.StartsWith("#!/bin/sh\n", script);
        Assert.Contains("export OMP_WAIT_POLICY='PASSIVE'\n", script);
        Assert.EndsWith("exec '/usr/bin/dotnet' '/app/Dashboard.dll' 'worker' '--run' 'it'\\''s $HOME'\n", script);
    }
}
