using Bunit;
using Bunit.TestDoubles;
using Dashboard.Auth;
using Dashboard.Datasets;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>
/// bUnit with the dashboard's real run services on a temporary SQLite file: MudBlazor registered, JS interop
/// loose (Plotly's calls are accepted and ignored), rendering as an interactive server circuit.
/// </summary>
public sealed class DashboardTestContext : BunitContext
{
    private readonly TempFolder folder = new();

    public DashboardTestContext(params string[] dataRoots)
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(15); // a shared 2-core machine can be slow to render
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(Options.Create(new DashboardOptions { DataFolder = folder.Path, DataRoots = [.. dataRoots] }));
        Services.AddSingleton<IHostEnvironment>(new TestEnvironment(folder.Path));
        Services.AddSingleton<DashboardPaths>();
        Services.AddSingleton(sp => new RunStore(sp.GetRequiredService<DashboardPaths>().RunDatabase));
        Services.AddSingleton(new RunNotifier(NullLogger<RunNotifier>.Instance));
        Services.AddSingleton<RunMetricsCache>();
        Services.AddSingleton<DatasetPathPolicy>();
        Services.AddSingleton<RunQueue>();
        Services.AddSingleton<RunCancellations>();
        Services.AddSingleton<RunCommands>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<DatasetCatalog>();
        Services.AddSingleton(Options.Create(SignIn));
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton(sp => new UserStore(sp.GetRequiredService<DashboardPaths>().RunDatabase));
        Authorization = this.AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    /// <summary>Sign-in settings; off unless a test turns it on (and signs a user in through <see cref="Authorization"/>).</summary>
    public AuthOptions SignIn { get; } = new();

    /// <summary>Who is signed in, with which roles.</summary>
    public BunitAuthorizationContext Authorization { get; }

    public RunStore Store => Services.GetRequiredService<RunStore>();
    public RunNotifier Notifier => Services.GetRequiredService<RunNotifier>();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        folder.Dispose();
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Dashboard";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
