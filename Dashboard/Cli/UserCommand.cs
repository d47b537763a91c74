using Dashboard.Auth;
using Dashboard.Runs;

namespace Dashboard.Cli;

/// <summary>
/// <c>add-user NAME ROLE</c> (password read from standard input) and <c>issue-token NAME</c> (prints a new API token): the
/// one-time set-up of sign-in, in the data folder the web app uses (<see cref="DataFolderResolution"/>; <c>--Dashboard:DataFolder=DIR</c> overrides it).
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

    public static int IssueToken(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        var store = Store(args);
        if (!store.Exists(args[0])) { Console.Error.WriteLine($"error: no user {args[0]}"); return 1; }
        Console.WriteLine(store.IssueToken(args[0]));
        return 0;
    }

    private static UserStore Store(string[] args)
    {
        var folder = DataFolderResolution.ForCommand(args);
        Console.Error.WriteLine($"data folder: {folder}");
        return new(Path.Combine(folder, "runs.db"));
    }
}
