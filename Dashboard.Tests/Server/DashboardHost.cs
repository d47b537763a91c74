using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Server;

/// <summary>
/// The real dashboard on real Kestrel, bound to a free loopback port, wired exactly as Program.cs wires it, with its own
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

    public static async Task<DashboardHost> StartAsync(string? dataFolder = null, IDictionary<string, string?>? settings = null)
    {
        bool ownsFolder = dataFolder is null;
        dataFolder ??= Directory.CreateTempSubdirectory("dashboard-host-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name, EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Dashboard:DataFolder"] = dataFolder });
        if (settings != null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDashboard(builder.Configuration);
        var app = builder.Build();
        app.UseDashboard();
        await app.StartAsync();
        return new DashboardHost(app, dataFolder, ownsFolder);
    }

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsFolder) Directory.Delete(DataFolder, recursive: true);
    }
}
