using System.CommandLine;
using Dashboard.Cli;

namespace Dashboard;

/// <summary>
/// The executable's commands besides the web app (System.CommandLine: typed options, <c>--help</c>, exit codes 0 done,
/// 1 failed, 2 usage; see <see cref="CommandLineInvocation"/>). Every command takes configuration overrides as the web
/// app does (<c>--Dashboard:DataFolder=DIR</c>). A command line that names no command starts the web app.
/// </summary>
public static class CommandLine
{
    private static readonly string[] HelpTokens = ["--help", "-h", "-?", "help"];

    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (!NamesACommand(args)) return false;
        Environment.ExitCode = await InvokeAsync(args);
        return true;
    }

    public static Task<int> InvokeAsync(IEnumerable<string> args, TextWriter? output = null, TextWriter? error = null) =>
        CommandLineInvocation.InvokeAsync(Root, args.Select((arg, at) => at == 0 && arg == "help" ? "--help" : arg), output, error);

    public static RootCommand Root(CommandArguments arguments)
    {
        var root = new RootCommand("""
            Transfer learning dashboard. Without a command it starts the web dashboard, which takes ASP.NET Core's options
            (--urls http://127.0.0.1:5000, --Dashboard:Auth:Enabled=true ...). Every command takes the same configuration
            overrides (--Dashboard:DataFolder=DIR ...) and reads the same appsettings.json and environment.
            """)
        {
            RecipeCommand.Create(arguments), WatchCommand.Create(), WorkerCommand.Create(arguments), PredictCommand.Create(),
            ExportCommand.Create(), UserCommand.Create(arguments),
        };
        foreach (var command in TokenCommand.Create(arguments)) root.Subcommands.Add(command);
        return root;
    }

    private static bool NamesACommand(string[] args) =>
        args.Length > 0 && (HelpTokens.Contains(args[0]) || Root(CommandArguments.Split([])).Subcommands.Any(command => command.Name == args[0]));
}
