using System.Security.Claims;
using Bunit;
using Dashboard.Auth;
using Dashboard.Runs;
using Dashboard.Tests.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Tests.Components;

/// <summary>
/// bUnit with the app's own services, registered by <see cref="DashboardServices.AddDashboard"/> on a temporary data
/// folder (real SQLite, real sign-in services and policies) and its hosted services started, the run worker included,
/// so a queued or resumed run really trains. bUnit keeps only what its renderer owns (JS interop, loose: Plotly's calls
/// are accepted and ignored; navigation). Rendering is an interactive server circuit.
/// </summary>
public sealed class DashboardTestContext : BunitContext
{
    /// <summary>What bUnit's renderer provides in place of the browser; everything else is the app's registration.</summary>
    private static readonly HashSet<Type> RendererOwned =
        [typeof(IJSRuntime), typeof(NavigationManager), typeof(INavigationInterception), typeof(IScrollToLocationHash), typeof(IErrorBoundaryLogger)];

    private readonly TempFolder folder = new();
    private readonly List<IHostedService> started = [];

    public DashboardTestContext(params string[] dataRoots) : this(signIn: false, dataRoots) { }

    public DashboardTestContext(bool signIn, params string[] dataRoots)
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(15); // a shared 2-core machine can be slow to render
        JSInterop.Mode = JSRuntimeMode.Loose;
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:DataFolder"] = folder.Path, ["Dashboard:Auth:Enabled"] = $"{signIn}", ["Dashboard:Executor"] = Dashboard.Runs.Executors.ExecutorNames.InProcess,
        };
        for (int i = 0; i < dataRoots.Length; i++) settings[$"Dashboard:DataRoots:{i}"] = dataRoots[i];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var app = new ServiceCollection();
        app.AddSingleton<IConfiguration>(configuration);
        var environment = new TestEnvironment(folder.Path);
        app.AddSingleton<IHostEnvironment>(environment);
        app.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(environment);
        app.AddDashboard(configuration);
        foreach (var service in app.Where(s => !RendererOwned.Contains(s.ServiceType))) Services.Add(service);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            hosted.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            started.Add(hosted);
        }
        SignOut();
        Render<MudPopoverProvider>();
    }

    public RunStore Store => Services.GetRequiredService<RunStore>();
    public RunNotifier Notifier => Services.GetRequiredService<RunNotifier>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// The circuit's user becomes <paramref name="name"/>, added to the app's user store with <paramref name="role"/> and
    /// verified by its password, with the principal the sign-in endpoint issues (the cookie itself is the browser tests' job).
    /// </summary>
    public void SignInAs(string name, string role)
    {
        var users = Get<UserStore>();
        users.Add(name, role, $"{name}-password");
        var user = users.Verify(name, $"{name}-password") ?? throw new InvalidOperationException($"{name} could not sign in");
        SetUser(UserPrincipal.Create(user, "Cookies"));
    }

    public void SignOut() => SetUser(new ClaimsPrincipal(new ClaimsIdentity()));

    private void SetUser(ClaimsPrincipal user) =>
        ((IHostEnvironmentAuthenticationStateProvider)Get<AuthenticationStateProvider>()).SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));

    protected override async ValueTask DisposeAsyncCore()
    {
        foreach (var hosted in Enumerable.Reverse(started)) await hosted.StopAsync(CancellationToken.None);
        await base.DisposeAsyncCore();
        folder.Dispose();
    }

    private sealed class TestEnvironment(string root) : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Dashboard";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
