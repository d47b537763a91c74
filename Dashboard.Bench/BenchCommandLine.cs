using System.CommandLine;
using Dashboard.Bench.Accuracy;
using Dashboard.Bench.Load;
using Dashboard.Bench.Soak;
using Dashboard.Cli;

namespace Dashboard.Bench;

/// <summary>
/// The measuring tools' commands, on the same System.CommandLine conventions as the dashboard's
/// (<see cref="CommandLineInvocation"/>: <c>--help</c>, exit codes 0 done, 1 failed, 2 usage).
/// </summary>
public static class BenchCommandLine
{
    public static Task<int> InvokeAsync(IEnumerable<string> args, TextWriter? output = null, TextWriter? error = null) =>
        CommandLineInvocation.InvokeAsync(Root, args, output, error);

    public static RootCommand Root(CommandArguments arguments) =>
        new("Tools that measure the dashboard: bench (against PyTorch), load (watchers on one fit), soak (memory)")
        {
            BenchCommand.Create(), LoadCommand.Create(), SoakCommand.Create(),
        };
}
