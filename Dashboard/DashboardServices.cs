using Dashboard.Training;
using MudBlazor.Services;

namespace Dashboard;

/// <summary>Service registrations and middleware, so Program.cs reads like a table of contents.</summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TorchOptions>().Bind(configuration.GetSection(TorchOptions.SectionName)).ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        return app;
    }
}
