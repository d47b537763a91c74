namespace Dashboard;

/// <summary>
/// The dashboard wired exactly as Program.cs wires it, bound to a free loopback port, with its data in a given folder:
/// for the load benchmark and for tests that need the real app on real Kestrel.
/// </summary>
public static class LoopbackDashboard
{
    public static WebApplication Build(string dataFolder, IDictionary<string, string?>? settings = null, string? environmentName = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name, EnvironmentName = environmentName, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Dashboard:DataFolder"] = dataFolder });
        if (settings != null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services); // before the dashboard's own, so a test's TimeProvider wins over TryAdd's default
        builder.Services.AddDashboard(builder.Configuration);
        var app = builder.Build();
        app.UseDashboard();
        return app;
    }
}
