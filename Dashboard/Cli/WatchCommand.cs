using System.CommandLine;
using Dashboard.Hubs;
using Dashboard.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Cli;

/// <summary>
/// <c>watch RUN_ID [--url URL] [--token TOKEN]</c>: follows a run of a running dashboard through <see cref="TrainingHub"/> and
/// shows its progress (a resume says which epoch it continues after; epochs and fits counted from 1), then the running time. With sign-in on, the API token comes from <c>--token</c> or the <c>DASHBOARD_TOKEN</c> environment variable.
/// </summary>
public static class WatchCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const string TokenVariable = "DASHBOARD_TOKEN";

    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "the run to follow" };
        var url = CliOptions.Url("--url", "the dashboard's address");
        url.DefaultValueFactory = _ => new Uri(DefaultUrl);
        var token = new Option<string?>("--token") { Description = $"an API token (issue-token), when sign-in is on; default: ${TokenVariable}" };
        var command = new Command("watch", "Follow a run of a running dashboard") { runId, url, token };
        command.SetAction((parsed, cancel) => RunAsync(parsed.GetRequiredValue(runId), parsed.GetRequiredValue(url),
            parsed.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable), parsed.InvocationConfiguration));
        return command;
    }

    private static async Task<int> RunAsync(string runId, Uri server, string? token, InvocationConfiguration console)
    {
        var url = server.ToString().TrimEnd('/') + TrainingHub.Path;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await using var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult(token)).AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        try
        {
            await connection.StartAsync(cancel.Token);
            var activeTime = new ActiveTime();
            using (var progress = TrainingProgress.For(console.Output))
                await foreach (var runEvent in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), runId, 0L, cancel.Token))
                {
                    progress.Emit(runEvent.Event);
                    activeTime.Add(runEvent.Event);
                }
            console.Output.WriteLine($"running time {Components.Runs.EventText.Seconds(activeTime.Seconds)}{(activeTime.Parts > 1 ? $" over {activeTime.Parts} parts" : "")}");
            return CommandLineInvocation.Succeeded;
        }
        catch (HttpRequestException e) when (e.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            console.Error.WriteLine($"error: the dashboard at {url} refused the {(token is null ? "connection: it needs sign-in; pass --token TOKEN or set " + TokenVariable : "token")} ({(int)e.StatusCode})");
            return CommandLineInvocation.Failed;
        }
        catch (HttpRequestException e)
        {
            console.Error.WriteLine($"error: cannot reach the dashboard at {url}: {e.Message}");
            return CommandLineInvocation.Failed;
        }
        catch (OperationCanceledException) { return 130; }
    }
}
