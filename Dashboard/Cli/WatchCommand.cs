using Dashboard.Hubs;
using Dashboard.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Cli;

/// <summary><c>watch RUN_ID</c>: follows a run of a running dashboard through <see cref="TrainingHub"/> and prints its events.</summary>
public static class WatchCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        var url = (CommandLine.Option(args, "--url") ?? DefaultUrl).TrimEnd('/') + TrainingHub.Path;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await using var connection = new HubConnectionBuilder().WithUrl(url).AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        try
        {
            await connection.StartAsync(cancel.Token);
            var progress = new ConsoleProgress(Console.Out, redirected: true);
            await foreach (var runEvent in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), args[0], 0L, cancel.Token))
                progress.Emit(runEvent.Event);
            return 0;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: cannot reach the dashboard at {url}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) { return 130; }
    }
}
