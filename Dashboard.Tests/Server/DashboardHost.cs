using Dashboard.Runs.Executors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Server;

/// <summary>
/// The real dashboard on real Kestrel (<see cref="LoopbackDashboard"/>, Development environment and the <c>inprocess</c>
/// executor unless told), with its own
/// temporary data folder (deleted on dispose) unless one is given (restart tests reuse a folder).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly bool ownsFolder;

    private DashboardHost(WebApplication app, string dataFolder, bool ownsFolder)
    {
        this.app = app;
        this.ownsFolder = ownsFolder;
        DataFolder = dataFolder;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }
    public string DataFolder { get; }
    public IServiceProvider Services => app.Services;

    public static async Task<DashboardHost> StartAsync(string? dataFolder = null, IDictionary<string, string?>? settings = null, string? environment = null,
        Action<IServiceCollection>? services = null)
    {
        bool ownsFolder = dataFolder is null;
        dataFolder ??= Directory.CreateTempSubdirectory("dashboard-host-").FullName;
        var app = LoopbackDashboard.Build(dataFolder, WithExecutor(settings), environment ?? Environments.Development, services);
        await app.StartAsync();
        return new DashboardHost(app, dataFolder, ownsFolder);
    }

    /// <summary>Runs train on the server's thread (<c>inprocess</c>, seconds faster per run) unless the test names another executor.</summary>
    private static Dictionary<string, string?> WithExecutor(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["Dashboard:Executor"] = ExecutorNames.InProcess };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return all;
    }

    /// <summary>The password of the first admin, "admin", of a host started with <see cref="StartWithSignInAsync"/>.</summary>
    public const string AdminPassword = "admin-password-1";

    /// <summary>
    /// A host with sign-in on and one admin ("admin", <see cref="AdminPassword"/>), on <paramref name="dataFolder"/> (a new
    /// temporary one when null); <paramref name="services"/> registers test doubles (a FakeTimeProvider as TimeProvider,
    /// a log capture) before the dashboard's own services.
    /// </summary>
    public static Task<DashboardHost> StartWithSignInAsync(string? dataFolder = null, Action<IServiceCollection>? services = null) => StartAsync(dataFolder, new Dictionary<string, string?>
    {
        ["Dashboard:Auth:Enabled"] = "true", ["Dashboard:Auth:InitialAdminUser"] = "admin", ["Dashboard:Auth:InitialAdminPassword"] = AdminPassword,
    }, services: services);

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client that sends an API token.</summary>
    public HttpClient Client(string bearerToken)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsFolder) Directory.Delete(DataFolder, recursive: true);
    }
}
