using Dashboard.Configuration;
using Dashboard.Runs;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Sign-in for pages, hub and API: cookies for browsers, per-user tokens for scripts, roles as policies. With sign-in
/// off (loopback only) every policy allows everyone. Data-protection keys live in the data folder, so a restart keeps
/// everyone signed in.
/// </summary>
public static class AuthSetup
{
    public const string SelectorScheme = "dashboard";

    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton(sp => new UserStore(sp.GetRequiredService<DashboardPaths>().RunDatabase, sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromDays(sp.GetRequiredService<IOptions<AuthOptions>>().Value.TokenLifetimeDays)));
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<DashboardPaths, ILoggerFactory>((o, paths, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(paths.DataFolder, "keys")), logs));
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenHandler.Carries(context.Request) ? ApiTokenHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(ConfigureCookie)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorization(o => AddPolicies(o, options));
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentUser>();
        return services;
    }

    private static void AddPolicies(AuthorizationOptions o, AuthOptions options)
    {
        if (!options.Enabled)
        {
            foreach (var name in new[] { Policies.CanWatch, Policies.CanTrain, Policies.IsAdmin, Policies.CanPredict }) o.AddPolicy(name, p => p.RequireAssertion(_ => true));
            return;
        }
        o.AddPolicy(Policies.CanWatch, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Policies.CanTrain, p => p.RequireRole(Roles.Trainer, Roles.Admin));
        o.AddPolicy(Policies.IsAdmin, p => p.RequireRole(Roles.Admin));
        o.AddPolicy(Policies.CanPredict, p => p.RequireRole(options.ViewersMayPredict ? Roles.All : [Roles.Trainer, Roles.Admin]));
        o.FallbackPolicy = o.GetPolicy(Policies.CanWatch);
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.LoginPath = LoginEndpoints.LoginPath;
        o.AccessDeniedPath = LoginEndpoints.NotAllowedPath;
        o.Cookie.Name = "dashboard.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = context => Reject(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => Reject(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
    }

    /// <summary>Scripts and hub clients get a status code with a problem body; browsers get the sign-in page.</summary>
    private static Task Reject(HttpContext context, string redirect, int status)
    {
        if (AuthRejection.IsForScripts(context.Request)) return AuthRejection.WriteAsync(context, status);
        context.Response.Redirect(redirect);
        return Task.CompletedTask;
    }

    public static WebApplication UseDashboardAuth(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        ListenAddressCheck.Require(app.Configuration["urls"], options.Enabled);
        CreateInitialAdmin(app.Services.GetRequiredService<UserStore>(), options);
        app.UseAuthentication();
        app.UseCrossSiteRequestCheck();
        app.UseAuthorization();
        app.MapLoginEndpoints();
        return app;
    }

    private static void CreateInitialAdmin(UserStore users, AuthOptions options)
    {
        if (!options.Enabled || users.Any()) return;
        if (string.IsNullOrWhiteSpace(options.InitialAdminUser) || string.IsNullOrEmpty(options.InitialAdminPassword))
            throw new InvalidOperationException("Sign-in is on but no user exists: set Dashboard:Auth:InitialAdminUser and InitialAdminPassword, or run the add-user command.");
        users.Add(options.InitialAdminUser, Roles.Admin, options.InitialAdminPassword);
    }
}
