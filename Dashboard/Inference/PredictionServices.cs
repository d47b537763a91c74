using Dashboard.Api;

namespace Dashboard.Inference;

/// <summary>Registrations of the predictor: limits (validated on start), the per-user rate, the run predictor.</summary>
public static class PredictionServices
{
    public static IServiceCollection AddPredictions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PredictionRateLimiter>();
        services.AddSingleton<PredictPaths>();
        services.AddSingleton<RunPredictor>();
        services.AddSingleton<HeatMapImages>();
        return services;
    }

    /// <summary>The API endpoint and the page's heat-map images.</summary>
    public static WebApplication MapPredictions(this WebApplication app)
    {
        app.MapPredictApi();
        app.MapHeatMaps();
        return app;
    }
}
