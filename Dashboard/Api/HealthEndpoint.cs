using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary><c>GET /health</c> for load balancers, systemd and tests: 200 once the run store is recovered and the worker runs, else 503.</summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    /// <summary>The body of <c>/health</c>: <c>ready</c> (200) or <c>starting</c> (503).</summary>
    public sealed record HealthReport(string Status)
    {
        public const string Ready = "ready";
        public const string Starting = "starting";
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (WorkerReadiness readiness) => readiness.IsReady
                ? Results.Ok(new HealthReport(HealthReport.Ready))
                : Results.Json(new HealthReport(HealthReport.Starting), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithName("GetHealth").WithTags("Health").WithSummary("Ready once start-up recovery finished (200), starting (503). No sign-in.")
            .Produces<HealthReport>(StatusCodes.Status200OK).Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable).AllowAnonymous();
        return app;
    }
}
