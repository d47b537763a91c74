using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Dashboard.Cli;

/// <summary>
/// Parses a command line with System.CommandLine and runs the chosen command. Exit codes, the same for every command:
/// 0 done, 1 the work failed (the message says why), 2 the command line is wrong (the message names the option, and
/// <c>COMMAND --help</c> shows the usage).
/// </summary>
public static class CommandLineInvocation
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> InvokeAsync(Func<CommandArguments, RootCommand> build, IEnumerable<string> args, TextWriter? output = null, TextWriter? error = null)
    {
        var arguments = CommandArguments.Split(args);
        var result = build(arguments).Parse([.. arguments.CommandTokens]);
        // The commands handle Ctrl+C and SIGTERM themselves (a run stops at its next batch), so no termination timeout.
        var invocation = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error, ProcessTerminationTimeout = null };
        if (result.Action is HelpAction) return await result.InvokeAsync(invocation);
        var reported = result.Errors.Select(e => e.Message).ToArray();
        var errors = UnknownOptions(result).Where(unknown => !reported.Any(message => message.Contains($"'{unknown}'", StringComparison.Ordinal)))
            .Select(unknown => $"Unrecognized option '{unknown}'.").Concat(reported).ToArray();
        if (errors.Length == 0) return await result.InvokeAsync(invocation);
        foreach (var message in errors) invocation.Error.WriteLine($"error: {message}");
        invocation.Error.WriteLine($"Run '{CommandPath(result.CommandResult)} --help' for usage.");
        return Usage;
    }

    /// <summary>System.CommandLine binds an unknown <c>--name</c> to an argument (a recipe path, a run id); here it is an error.</summary>
    private static IEnumerable<string> UnknownOptions(ParseResult result) => result.Tokens
        .Where(token => token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-')
        .Select(token => token.Value);

    private static string CommandPath(CommandResult command) => command.Parent is CommandResult parent
        ? $"{CommandPath(parent)} {command.Command.Name}"
        : command.Command.Name;
}
