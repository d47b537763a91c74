using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Runs.Executors;

namespace Dashboard.Tests.Server;

/// <summary>The dashboard as a real child process (<c>dotnet Dashboard.dll</c>) on a free loopback port, for crash tests and the published app.</summary>
public sealed class DashboardProcess : IDisposable
{
    private readonly Process process;

    private DashboardProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Chooses the executor of the dashboard started (<c>Dashboard:Executor</c>).</summary>
    public const string ExecutorVariable = "Dashboard__Executor";

    /// <summary>The dashboard built next to the tests.</summary>
    public static Task<DashboardProcess> StartAsync(string dataFolder) =>
        StartAsync(AppContext.BaseDirectory, dataFolder, new Dictionary<string, string>());

    /// <summary>The dashboard in <paramref name="appFolder"/> (a build or a publish output), with extra environment variables.</summary>
    public static async Task<DashboardProcess> StartAsync(string appFolder, string dataFolder, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(appFolder, "Dashboard.dll"), "--urls", address.ToString(), $"--Dashboard:DataFolder={dataFolder}" })
            start.ArgumentList.Add(arg);
        start.Environment[ExecutorVariable] = ExecutorNames.InProcess; // runs on the server's thread unless the test names an executor
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the dashboard process");
        var errors = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) errors.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new DashboardProcess(process, address);
        using var client = dashboard.Client();
        await ApiWaits.WaitForAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"the dashboard exited with code {process.ExitCode}: {string.Join('\n', errors)}");
            try { return (await client.GetAsync(Dashboard.Api.HealthEndpoint.Path)).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromMinutes(1));
        return dashboard;
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown handlers, no flushing; what was not on disk is lost.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) KillHard();
        process.Dispose();
    }
}
