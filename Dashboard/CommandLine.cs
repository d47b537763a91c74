using Dashboard.Cli;

namespace Dashboard;

/// <summary>
/// Modes of the executable besides the web app: <c>run RECIPE.json [--out RESULT.json]</c> trains without the server,
/// <c>watch RUN_ID [--url URL] [--token TOKEN]</c> follows a run of a running dashboard,
/// <c>worker --run ID --server URL</c> trains one run of a dashboard in this process. Returns false to start the web app.
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0) return false;
        switch (args[0])
        {
            case "run": Environment.ExitCode = RecipeCommand.Run(args[1..]); return true;
            case "watch": Environment.ExitCode = await WatchCommand.RunAsync(args[1..]); return true;
            case "worker": Environment.ExitCode = await WorkerCommand.RunAsync(args[1..]); return true;
            case "predict": Environment.ExitCode = PredictCommand.Run(args[1..]); return true;
            case "export": Environment.ExitCode = ExportCommand.Run(args[1..]); return true;
            case "add-user": Environment.ExitCode = UserCommand.AddUser(args[1..]); return true;
            case "issue-token": Environment.ExitCode = TokenCommand.Issue(args[1..]); return true;
            case "list-tokens": Environment.ExitCode = TokenCommand.List(args[1..]); return true;
            case "revoke-token": Environment.ExitCode = TokenCommand.Revoke(args[1..]); return true;
            case "--help" or "-h" or "help": Console.WriteLine(Usage); return true;
            default: return false;
        }
    }

    public const string Usage = """
        Usage:
          dotnet run --project Dashboard                                   start the web dashboard
          dotnet run --project Dashboard -- run RECIPE.json [--out RESULT.json]   
                                                                           run a recipe without the server
          dotnet run --project Dashboard -- watch RUN_ID [--url http://127.0.0.1:5000] [--token TOKEN]
                                                                           follow a run of a running dashboard
          dotnet run --project Dashboard -- worker --run RUN_ID --server URL [--token TOKEN] [--server-loss-seconds 60]
                                                                           train one run of a dashboard and stream its events to it
                                                                           (the process executor starts this; the token may be in DASHBOARD_WORKER_TOKEN)
          dotnet run --project Dashboard -- predict --model CHECKPOINT.ckpt --images DIR_OR_FILE... --out predictions.csv [--top 5]
                                                                           classify images with a saved model (one CSV line per image)
          dotnet run --project Dashboard -- export --model CHECKPOINT.ckpt --out MODEL.onnx [--size N]
                                                                           the classifier as one ONNX file (RGB in [0, 1] → probabilities)
          dotnet run --project Dashboard -- add-user NAME viewer|trainer|admin
                                                                           add a sign-in user (password on standard input)
          dotnet run --project Dashboard -- issue-token NAME [--days N]
                                                                           print a new API token for scripts (default lifetime:
                                                                           Dashboard:Auth:TokenLifetimeDays, 90 days)
          dotnet run --project Dashboard -- list-tokens                    id, user, created, expires, last used, state (no secrets)
          dotnet run --project Dashboard -- revoke-token ID                revoke one token
        The data folder is the web app's (Dashboard:DataFolder, default "data" under the current directory); any command
        takes --Dashboard:DataFolder=DIR as the web app does.
        """;

    /// <summary>The value after <paramref name="flag"/>, or null.</summary>
    public static string? Option(string[] args, string flag)
    {
        int at = Array.IndexOf(args, flag);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
