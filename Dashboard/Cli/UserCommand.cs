using Dashboard.Auth;
using Dashboard.Runs;

namespace Dashboard.Cli;

/// <summary>
/// <c>add-user NAME ROLE</c> (password read from standard input): the one-time set-up of sign-in, in the data folder the
/// web app uses (<see cref="DataFolderResolution"/>; <c>--Dashboard:DataFolder=DIR</c> overrides it). The token commands
/// are in <see cref="TokenCommand"/>.
/// </summary>
public static class UserCommand
{
    public static int AddUser(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        if (!Console.IsInputRedirected) Console.Error.Write($"Password for {args[0]}: ");
        var password = Console.ReadLine() ?? "";
        try
        {
            Store(args).Add(args[0], args[1], password);
            Console.WriteLine($"added {args[0]} as {args[1]}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The user store of the web app's data folder, with its configured token lifetime.</summary>
    public static UserStore Store(string[] args)
    {
        var folder = DataFolderResolution.ForCommand(args);
        Console.Error.WriteLine($"data folder: {folder}");
        var options = DataFolderResolution.ConfigurationForCommand(args).GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        return new(Path.Combine(folder, "runs.db"), TimeProvider.System, TimeSpan.FromDays(options.TokenLifetimeDays));
    }
}
