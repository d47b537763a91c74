using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary><c>GET /health</c> for load balancers, systemd and tests: 200 once the run store is recovered and the worker runs, else 503.</summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (WorkerReadiness readiness) => readiness.IsReady
                ? Results.Ok(new { status = "ready" })
                : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health").WithSummary("Ready once start-up recovery finished (200), starting (503).").AllowAnonymous();
        return app;
    }
}
