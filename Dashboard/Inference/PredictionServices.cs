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
        return services;
    }
}
