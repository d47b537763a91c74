using System.CommandLine;
using Dashboard.Auth;
using Dashboard.Configuration;
using Dashboard.Runs;

namespace Dashboard.Cli;

/// <summary>
/// <c>add-user NAME ROLE</c> (password read from standard input): the one-time set-up of sign-in, in the data folder the
/// web app uses (<see cref="DataFolderResolution"/>; <c>--Dashboard:DataFolder=DIR</c> overrides it). The token commands
/// are in <see cref="TokenCommand"/>.
/// </summary>
public static class UserCommand
{
    public static Command Create(CommandArguments arguments)
    {
        var name = new Argument<string>("NAME") { Description = "the user's sign-in name" };
        var role = new Argument<string>("ROLE") { Description = "viewer (watch), trainer (start, stop and resume own runs) or admin (everything)" };
        role.AcceptOnlyFromAmong(Roles.Viewer, Roles.Trainer, Roles.Admin);
        var command = new Command("add-user", "Add a sign-in user (the password is read from standard input)") { name, role };
        command.SetAction(parsed => AddUser(parsed.GetRequiredValue(name), parsed.GetRequiredValue(role), arguments, parsed.InvocationConfiguration));
        return command;
    }

    private static int AddUser(string name, string role, CommandArguments arguments, InvocationConfiguration console)
    {
        if (!Console.IsInputRedirected) console.Error.Write($"Password for {name}: ");
        var password = Console.ReadLine() ?? "";
        try
        {
            Store(arguments, console.Error).Add(name, role, password);
            console.Output.WriteLine($"added {name} as {role}");
            return CommandLineInvocation.Succeeded;
        }
        catch (Exception e) when (e is ArgumentException or Microsoft.Data.Sqlite.SqliteException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return CommandLineInvocation.Failed;
        }
    }

    /// <summary>The user store of the web app's data folder, with its configured token lifetime.</summary>
    public static UserStore Store(CommandArguments arguments, TextWriter log)
    {
        var folder = arguments.DataFolder();
        log.WriteLine($"data folder: {folder}");
        var options = arguments.Configuration().GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        return new(Path.Combine(folder, "runs.db"), TimeProvider.System, TimeSpan.FromDays(options.TokenLifetimeDays));
    }
}
