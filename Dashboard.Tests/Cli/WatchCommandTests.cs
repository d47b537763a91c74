using System.Diagnostics;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Cli;

/// <summary><c>watch RUN_ID --url URL</c> as a real process against a dashboard with sign-in on: a token gets it in, none is refused clearly.</summary>
public class WatchCommandTests
{
    [Fact]
    public async Task Watch_with_a_token_prints_the_runs_events_and_exits_0_and_without_one_it_is_refused()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var store = host.Get<RunStore>();
        var id = store.Create("watched", TinyRecipes.Quick, "admin").Id;
        var start = DateTimeOffset.UtcNow;
        store.Append(id, new RunStarted("resnet18", ["a", "b"], 8, 4, 32, "cpu") { At = start });
        var kept = store.Append(id, new EpochEnded(0, 0, 1.25, 1.5, 0.75, 1) { At = start.AddSeconds(1) }).Sequence;
        store.Append(id, new RunResumed(1, kept) { At = start.AddSeconds(100) }); // stopped for 99 s: not running time
        store.Append(id, new EpochEnded(0, 1, 1.0, 1.25, 0.8, 1) { At = start.AddSeconds(103) });
        store.SetStatus(id, RunStatus.Finished);
        var token = host.Get<Dashboard.Auth.UserStore>().IssueToken("admin");

        var (withToken, stdout, errors) = Watch(id, host.BaseAddress, "--token", token);
        var (withEnvironment, environmentStdout, _) = Watch(id, host.BaseAddress, environmentToken: token);
        var (without, _, refusal) = Watch(id, host.BaseAddress);

        Assert.True(withToken == 0, errors);
        Assert.Contains("resnet18, 2 classes", stdout);
        Assert.Contains("epoch 1: train loss 1.2500", stdout); // counted from 1, as everywhere people read it
        Assert.Contains("resumed after epoch 1", stdout);
        Assert.Contains("epoch 2: train loss 1.0000", stdout);
        Assert.Contains("running time 4.0s over 2 parts", stdout);
        Assert.Equal(0, withEnvironment);
        Assert.Contains("epoch 1: train loss 1.2500", environmentStdout);
        Assert.Equal(1, without);
        Assert.Contains("sign-in", refusal);
    }

    private static (int Exit, string Stdout, string Stderr) Watch(string id, Uri url, string? option = null, string? value = null, string? environmentToken = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Dashboard.dll"), "watch", id, "--url", url.ToString() }) start.ArgumentList.Add(argument);
        if (option != null) { start.ArgumentList.Add(option); start.ArgumentList.Add(value!); }
        start.Environment.Remove("DASHBOARD_TOKEN");
        if (environmentToken != null) start.Environment["DASHBOARD_TOKEN"] = environmentToken;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(entireProcessTree: true); throw new TimeoutException("watch did not end"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
