using System.CommandLine;
using Dashboard.Bench;
using Dashboard.Cli;
using Dashboard.Tests.Data;

namespace Dashboard.Tests.Cli;

/// <summary>
/// The conventions every command shares (System.CommandLine): <c>--help</c> describes each option and argument and exits
/// 0; an unknown option, a value of the wrong type or out of range exits 2 naming it, and writes nothing to stdout;
/// configuration overrides (<c>--Dashboard:DataFolder=DIR</c>) are accepted by every command.
/// </summary>
public class CommandLineTests
{
    private static readonly string[] DeployedCommands = ["run", "watch", "worker", "predict", "export", "add-user", "issue-token", "list-tokens", "revoke-token"];
    private static readonly string[] BenchCommands = ["bench", "bench accuracy", "load", "soak"];

    public static TheoryData<string> Deployed => [.. DeployedCommands];
    public static TheoryData<string> Measuring => [.. BenchCommands];

    [Fact]
    public void The_web_app_has_exactly_the_commands_a_deployed_server_runs()
    {
        var names = CommandLine.Root(CommandArguments.Split([])).Subcommands.Select(c => c.Name);
        Assert.Equal(DeployedCommands.Order(), names.Order());
    }

    [Fact]
    public async Task Help_at_the_top_lists_every_command()
    {
        var (exit, output, _) = await Dashboard("--help");
        Assert.Equal(0, exit);
        Assert.All(DeployedCommands, name => Assert.Contains(name, output));
        Assert.Contains("--Dashboard:DataFolder=DIR", output);
    }

    [Theory]
    [MemberData(nameof(Deployed))]
    public async Task Each_dashboard_command_has_help_describing_every_option_and_argument(string name)
    {
        var command = CommandLine.Root(CommandArguments.Split([])).Subcommands.Single(c => c.Name == name);
        var (exit, output, _) = await Dashboard(name, "--help");
        AssertHelp(command, exit, output);
    }

    [Theory]
    [MemberData(nameof(Measuring))]
    public async Task Each_bench_command_has_help_describing_every_option_and_argument(string path)
    {
        var command = Find(BenchCommandLine.Root(CommandArguments.Split([])), path.Split(' '));
        var (exit, output, _) = await Bench([.. path.Split(' '), "--help"]);
        AssertHelp(command, exit, output);
    }

    [Theory]
    [MemberData(nameof(Deployed))]
    public async Task An_unknown_option_is_a_usage_error_naming_it(string name)
    {
        var (exit, output, error) = await Dashboard(name, "--no-such-option");
        AssertUsageError(exit, output, error, "--no-such-option", name);
    }

    [Theory]
    [MemberData(nameof(Measuring))]
    public async Task An_unknown_bench_option_is_a_usage_error_naming_it(string path)
    {
        var (exit, output, error) = await Bench([.. path.Split(' '), "--no-such-option"]);
        AssertUsageError(exit, output, error, "--no-such-option", path);
    }

    [Theory]
    [InlineData("Cannot parse argument 'many' for option '--top'", "predict", "--model", "m.ckpt", "--images", "/tmp", "--out", "p.csv", "--top", "many")]
    [InlineData("--size must be a whole number from 32 to 1024, not 9", "export", "--model", "m.ckpt", "--out", "m.onnx", "--size", "9")]
    [InlineData("Option '--server' is required", "worker", "--run", "1")]
    [InlineData("--server must be an absolute http or https address such as http://127.0.0.1:5000, not 'lab-server'", "worker", "--run", "1", "--server", "lab-server")]
    [InlineData("--url must be an absolute http or https address", "watch", "RUN", "--url", "ftp://lab")]
    [InlineData("--server-loss-seconds must be a whole number of at least 1, not 0", "worker", "--run", "1", "--server", "http://127.0.0.1:1", "--server-loss-seconds", "0")]
    [InlineData("--days must be a whole number of at least 1, not 0", "issue-token", "alice", "--days", "0")]
    [InlineData("Argument 'owner' not recognized", "add-user", "alice", "owner")]
    [InlineData("Required argument 'RECIPE.json' missing", "run")]
    public async Task A_wrong_value_is_a_usage_error_naming_the_option(string message, params string[] args)
    {
        var (exit, output, error) = await Dashboard(args);
        AssertUsageError(exit, output, error, message, args[0]);
    }

    [Theory]
    [InlineData("Cannot parse argument 'many' for option '--batches'", "soak", "--batches", "many")]
    [InlineData("--batches must be a whole number of at least 1, not 0", "soak", "--batches", "0")]
    [InlineData("Option '--data' is required", "bench", "accuracy")]
    public async Task A_wrong_bench_value_is_a_usage_error(string message, params string[] args)
    {
        var (exit, output, error) = await Bench(args);
        AssertUsageError(exit, output, error, message, string.Join(' ', args.TakeWhile(arg => !arg.StartsWith('-'))));
    }

    [Fact]
    public async Task Configuration_overrides_are_read_by_a_command_not_refused()
    {
        using var folder = new TempFolder();
        var (exit, output, error) = await Dashboard("list-tokens", $"--Dashboard:DataFolder={folder.Path}");
        Assert.True(exit == 0, error);
        Assert.Contains($"data folder: {folder.Path}", error);
        Assert.StartsWith("ID ", output);
    }

    private static void AssertHelp(Command command, int exit, string output)
    {
        Assert.Equal(0, exit);
        Assert.Contains(command.Description!.Split('\n')[0].Trim(), output);
        Assert.All(command.Options, option => Assert.Contains(option.Name, output));
        Assert.All(command.Options.Where(o => o.Description is not null), option => Assert.Contains(option.Description!.Split(' ')[0], output));
        Assert.All(command.Arguments, argument => Assert.Contains(argument.Name, output));
    }

    private static void AssertUsageError(int exit, string output, string error, string message, string command)
    {
        Assert.Equal(CommandLineInvocation.Usage, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Contains($"{command} --help' for usage", error);
    }

    private static Command Find(Command root, IEnumerable<string> path) =>
        path.Aggregate(root, (parent, name) => parent.Subcommands.Single(c => c.Name == name));

    private static Task<(int, string, string)> Dashboard(params string[] args) => Invoke(CommandLine.InvokeAsync, args);

    private static Task<(int, string, string)> Bench(params string[] args) => Invoke(BenchCommandLine.InvokeAsync, args);

    private static async Task<(int, string, string)> Invoke(Func<IEnumerable<string>, TextWriter, TextWriter, Task<int>> invoke, string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int exit = await invoke(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
