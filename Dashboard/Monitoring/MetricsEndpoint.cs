using Dashboard.Auth;
using Prometheus;

namespace Dashboard.Monitoring;

/// <summary><c>GET /metrics</c> in Prometheus' text format; with sign-in on it needs a viewer's sign-in or API token (a scrape token).</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication UseDashboardMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<DashboardMetrics>();
        app.UseHttpMetrics(options => options.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry)));
        app.MapMetrics(Path, metrics.Registry).RequireAuthorization(Policies.CanWatch).WithTags("Monitoring")
            .WithSummary("Prometheus metrics: runs by status, queue, training batches and images, batch seconds, hub connections, HTTP durations, process CPU and memory.");
        return app;
    }
}
