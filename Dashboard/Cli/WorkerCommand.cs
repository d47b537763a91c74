using System.Globalization;
using System.Runtime.InteropServices;
using Dashboard.Runs;
using Dashboard.Runs.Workers;
using Dashboard.Training;
using Dashboard.Worker;
using Microsoft.Extensions.Options;

namespace Dashboard.Cli;

/// <summary>
/// <c>worker --run ID --server URL [--token T] [--server-loss-seconds N]</c>: trains one run of a dashboard headless and
/// streams its events to it (<see cref="WorkerSession"/>). The token may come from <see cref="WorkerProtocol.TokenVariable"/>
/// instead. Folders and torch settings come from the same configuration as the web app's (<c>--Dashboard:DataFolder=DIR</c>...).
/// SIGTERM or Ctrl+C stops at the next batch. Exit codes: <see cref="WorkerExitCodes"/>.
/// </summary>
public static class WorkerCommand
{
    public const int DefaultServerLossSeconds = 60;

    public static async Task<int> RunAsync(string[] args)
    {
        var runId = CommandLine.Option(args, "--run");
        var server = CommandLine.Option(args, "--server");
        var token = CommandLine.Option(args, "--token") ?? Environment.GetEnvironmentVariable(WorkerProtocol.TokenVariable);
        if (runId is null || token is null || !Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || !TryLossSeconds(args, out int lossSeconds))
        {
            Console.Error.WriteLine(CommandLine.Usage);
            return WorkerExitCodes.Usage;
        }
        var configuration = DataFolderResolution.ConfigurationForCommand(args);
        var paths = DashboardPaths.ForCommand(configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new(), Directory.GetCurrentDirectory());
        var torch = configuration.GetSection(TorchOptions.SectionName).Get<TorchOptions>() ?? new();
        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning));
        var logger = logs.CreateLogger("Dashboard.Worker");
        using var connection = new WorkerConnection(serverUri, runId, token, TimeSpan.FromSeconds(lossSeconds), logger);
        var session = new WorkerSession(connection, runId, logger);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; session.RequestStop(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; session.RequestStop(); };
        var environments = new TrainingEnvironmentFactory(paths, Options.Create(torch));
        logger.LogInformation("Run {RunId}: worker for {Server}, data folder {DataFolder}", runId, serverUri, paths.DataFolder);
        return await session.RunAsync(() => environments.Create(runId), paths.RunFolder(runId));
    }

    private static bool TryLossSeconds(string[] args, out int seconds)
    {
        var text = CommandLine.Option(args, "--server-loss-seconds");
        seconds = DefaultServerLossSeconds;
        return text is null || (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) && seconds > 0);
    }
}
