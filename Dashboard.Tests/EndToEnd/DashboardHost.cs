using Dashboard.Tests.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The whole dashboard on a real Kestrel at http://127.0.0.1:{free port}, wired exactly as Program.cs wires it
/// (AddDashboard / UseDashboard), with its data folder in a temporary folder deleted on dispose.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TempFolder folder;

    private DashboardHost(WebApplication app, TempFolder folder, Uri address) => (this.app, this.folder, Address) = (app, folder, address);

    public Uri Address { get; }
    public IServiceProvider Services => app.Services;
    public string DataFolder => folder.Path;

    /// <summary>Starts the app; <paramref name="settings"/> override configuration keys (e.g. "Dashboard:DataRoots:0").</summary>
    public static async Task<DashboardHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = new TempFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name, // finds Dashboard's static web assets manifest
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Dashboard:DataFolder"] = folder.Path,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDashboard(builder.Configuration);
        var app = builder.Build();
        app.UseDashboard();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardHost(app, folder, new Uri(address));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        folder.Dispose();
    }
}
