using Dashboard.Hubs;
using Dashboard.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Cli;

/// <summary>
/// <c>watch RUN_ID [--url URL] [--token TOKEN]</c>: follows a run of a running dashboard through <see cref="TrainingHub"/> and
/// prints its events (a resume says which epoch it continues after; epochs and fits counted from 1), then the running time. With sign-in on, the API token comes from <c>--token</c> or the <c>DASHBOARD_TOKEN</c> environment variable.
/// </summary>
public static class WatchCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const string TokenVariable = "DASHBOARD_TOKEN";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        var url = (CommandLine.Option(args, "--url") ?? DefaultUrl).TrimEnd('/') + TrainingHub.Path;
        var token = CommandLine.Option(args, "--token") ?? Environment.GetEnvironmentVariable(TokenVariable);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await using var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult(token)).AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        try
        {
            await connection.StartAsync(cancel.Token);
            var progress = new ConsoleProgress(Console.Out, redirected: true);
            var activeTime = new ActiveTime();
            await foreach (var runEvent in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), args[0], 0L, cancel.Token))
            {
                progress.Emit(runEvent.Event);
                activeTime.Add(runEvent.Event);
            }
            Console.WriteLine($"running time {Components.Runs.EventText.Seconds(activeTime.Seconds)}{(activeTime.Parts > 1 ? $" over {activeTime.Parts} parts" : "")}");
            return 0;
        }
        catch (HttpRequestException e) when (e.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            Console.Error.WriteLine($"error: the dashboard at {url} refused the {(token is null ? "connection: it needs sign-in; pass --token TOKEN or set " + TokenVariable : "token")} ({(int)e.StatusCode})");
            return 1;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: cannot reach the dashboard at {url}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) { return 130; }
    }
}
