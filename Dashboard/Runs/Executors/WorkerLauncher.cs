using System.Diagnostics;
using Dashboard.Configuration;
using Dashboard.Runs.Workers;
using Dashboard.Training;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Executors;

/// <summary>
/// Starts <c>dotnet Dashboard.dll worker --run ID --server URL</c> (or the app host itself) in the content root, with
/// the server's shared folder (as the worker's data folder; or its scratch folder, see <see cref="WorkerFilesOptions"/>) and torch settings as arguments, the training environment variables, and the run's token in
/// <see cref="WorkerProtocol.TokenVariable"/> (not in the process list).
/// </summary>
public sealed class WorkerLauncher(IServer server, DashboardPaths paths, IOptions<ProcessExecutorOptions> options, IOptions<WorkerFilesOptions> files,
    IOptions<TorchOptions> torch, IHostEnvironment environment, ILogger<WorkerLauncher> logger)
{
    public WorkerProcess Start(string runId, string token)
    {
        var command = CommandLine(runId);
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        start.Environment[WorkerProtocol.TokenVariable] = token;
        foreach (var (name, value) in ProcessEnvironment.Recommended)
            if (!ProcessEnvironment.Satisfies(name, start.Environment.TryGetValue(name, out var current) ? current : null, value)) start.Environment[name] = value;
        return WorkerProcess.Start(start, runId, logger);
    }

    /// <summary>The folder a worker starts in: the content root, so it reads the server's configuration files.</summary>
    public string WorkingDirectory => environment.ContentRootPath;

    /// <summary>The program and its arguments that run <paramref name="runId"/> in worker mode (without the token).</summary>
    public IReadOnlyList<string> CommandLine(string runId)
    {
        var (file, prefix) = Command();
        return [file, .. prefix, .. Arguments(runId)];
    }

    private IEnumerable<string> Arguments(string runId) =>
    [
        "worker", "--run", runId, "--server", ServerUrl(), "--server-loss-seconds", options.Value.ServerLossSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. FolderArguments(),
        $"--Torch:Device={torch.Value.Device}", $"--Torch:Threads={torch.Value.Threads}", $"--Torch:KeepFreedNativeMemory={torch.Value.KeepFreedNativeMemory}",
    ];

    /// <summary>The server's shared folders; or, when workers do not share them, their scratch folder (models under it) and <c>--upload-files</c>.</summary>
    private IEnumerable<string> FolderArguments()
    {
        if (!files.Value.Uploads)
            return [$"--Dashboard:DataFolder={paths.SharedFolder}", $"--Dashboard:SharedFolder={paths.SharedFolder}", $"--Dashboard:ModelsFolder={paths.ModelsFolder}"];
        return [Cli.WorkerCommand.UploadFilesOption, $"--Dashboard:DataFolder={ScratchFolder}", $"--Dashboard:SharedFolder={ScratchFolder}", "--Dashboard:ModelsFolder=models"];
    }

    /// <summary><see cref="WorkerFilesOptions.ScratchFolder"/> as a worker sees it (a relative one under the working directory).</summary>
    public string ScratchFolder => Path.GetFullPath(files.Value.ScratchFolder ?? "", WorkingDirectory);

    /// <summary>The configured address, else the server's first one, a wildcard host replaced by loopback.</summary>
    public string ServerUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ServerUrl)) return options.Value.ServerUrl;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server listens on no address a worker could reach; set Dashboard:Process:ServerUrl");
        foreach (var wildcard in new[] { "://0.0.0.0:", "://+:", "://*:", "://[::]:" }) address = address.Replace(wildcard, "://127.0.0.1:");
        return address;
    }

    /// <summary>The app host when this process is one, else the dotnet host with this app's assembly.</summary>
    private static (string File, string[] Prefix) Command()
    {
        var assembly = typeof(Program).Assembly;
        var self = Environment.ProcessPath;
        if (self != null && Path.GetFileNameWithoutExtension(self) == assembly.GetName().Name) return (self, []);
        if (self != null && Path.GetFileNameWithoutExtension(self) == "dotnet") return (self, [assembly.Location]);
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return (string.IsNullOrEmpty(host) ? "dotnet" : host, [assembly.Location]);
    }
}
