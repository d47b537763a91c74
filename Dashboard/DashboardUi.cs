using Dashboard.Api;
using Dashboard.Components;
using Dashboard.Datasets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard;

/// <summary>The browser side: pages, and the small endpoints they link to (images, downloads, CSV).</summary>
public static class DashboardUi
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatasetCatalog>();
        services.AddSingleton<Thumbnails>();
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        app.MapDatasetImages();
        app.MapCheckpointDownloads();
        app.MapMetricsCsv();
        app.MapBatchesCsv();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
