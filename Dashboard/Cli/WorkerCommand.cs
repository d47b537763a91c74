using System.CommandLine;
using System.Runtime.InteropServices;
using Dashboard.Configuration;
using Dashboard.Datasets;
using Dashboard.Runs;
using Dashboard.Runs.Workers;
using Dashboard.Training;
using Dashboard.Worker;
using Microsoft.Extensions.Options;

namespace Dashboard.Cli;

/// <summary>
/// <c>worker --run ID --server URL [--token T] [--server-loss-seconds N] [--upload-files]</c>: trains one run of a dashboard headless and
/// streams its events to it (<see cref="WorkerSession"/>). The token may come from <see cref="WorkerProtocol.TokenVariable"/>
/// instead. Folders and torch settings come from the same configuration as the web app's (<c>--Dashboard:DataFolder=DIR</c>...).
/// SIGTERM or Ctrl+C stops at the next batch. Exit codes: <see cref="WorkerExitCodes"/>.
/// </summary>
public static class WorkerCommand
{
    public const int DefaultServerLossSeconds = 60;
    public const string UploadFilesOption = "--upload-files";

    public static Command Create(CommandArguments arguments)
    {
        var run = new Option<string>("--run") { Description = "the run to train", Required = true, HelpName = "RUN_ID" };
        var server = CliOptions.Url("--server", "the dashboard that owns the run");
        server.Required = true;
        var token = new Option<string?>("--token") { Description = $"the run's worker token; default: ${WorkerProtocol.TokenVariable}" };
        var loss = CliOptions.Count("--server-loss-seconds", "stop after this long without an answer from the server", 1, int.MaxValue, DefaultServerLossSeconds);
        var upload = new Option<bool>(UploadFilesOption) { Description = "this machine does not share the server's folder: upload checkpoints and resume points, download the run's resume point" };
        var command = new Command("worker", "Train one run of a dashboard and stream its events to it (the process executor starts this)") { run, server, token, loss, upload };
        command.SetAction((parsed, _) =>
        {
            if ((parsed.GetValue(token) ?? Environment.GetEnvironmentVariable(WorkerProtocol.TokenVariable)) is not { } secret)
            {
                parsed.InvocationConfiguration.Error.WriteLine($"error: give --token TOKEN or set {WorkerProtocol.TokenVariable}");
                return Task.FromResult(WorkerExitCodes.Usage);
            }
            return RunAsync(new WorkerArguments(parsed.GetRequiredValue(run), parsed.GetRequiredValue(server), secret, parsed.GetValue(loss), parsed.GetValue(upload)), arguments);
        });
        return command;
    }

    private sealed record WorkerArguments(string RunId, Uri Server, string Token, int LossSeconds, bool UploadFiles);

    private static async Task<int> RunAsync(WorkerArguments worker, CommandArguments arguments)
    {
        var (runId, serverUri, token, lossSeconds, upload) = worker;
        var configuration = arguments.Configuration();
        var dashboard = configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new();
        var paths = DashboardPaths.ForCommand(dashboard, Directory.GetCurrentDirectory());
        var torch = configuration.GetSection(TorchOptions.SectionName).Get<TorchOptions>() ?? new();
        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning));
        var logger = logs.CreateLogger("Dashboard.Worker");
        using var connection = new WorkerConnection(serverUri, runId, token, TimeSpan.FromSeconds(lossSeconds), logger);
        var session = new WorkerSession(connection, runId, logger);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; session.RequestStop(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; session.RequestStop(); };
        var environments = new TrainingEnvironmentFactory(paths, Options.Create(torch), new DashboardResizeCache(paths, Options.Create(dashboard)));
        logger.LogInformation("Run {RunId}: worker for {Server}, data folder {DataFolder}", runId, serverUri, paths.DataFolder);
        var uploads = upload ? new WorkerUploads(connection, paths, runId, logger) : null;
        return await session.RunAsync(() => environments.Create(runId), paths, uploads);
    }
}
