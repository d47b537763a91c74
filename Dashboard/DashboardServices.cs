using Dashboard.Api;
using Dashboard.Api.OpenApi;
using Dashboard.Auth;
using Dashboard.Configuration;
using Dashboard.Hubs;
using Dashboard.Monitoring;
using Dashboard.Inference;
using Dashboard.Notifications;
using Dashboard.Runs;
using Dashboard.Runs.Executors;
using Dashboard.Training;
using MudBlazor.Services;

namespace Dashboard;

/// <summary>Service registrations and middleware, so Program.cs reads like a table of contents.</summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TorchOptions>().Bind(configuration.GetSection(TorchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardPaths>();
        services.AddSingleton(sp => new RunStore(sp.GetRequiredService<DashboardPaths>().RunDatabase));
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunLedger>();
        services.AddSingleton<RunMetricsCache>();
        services.AddSingleton<Components.Runs.RunViewCache>();
        services.AddSingleton<DatasetPathPolicy>();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<RunCancellations>();
        services.AddSingleton<RunCommands>();
        services.AddSingleton<RunFeed>();
        services.AddSingleton<Runs.Listing.RunEdits>();
        services.AddSingleton<Datasets.DashboardResizeCache>();
        services.AddSingleton<IRecipeEnvironmentFactory, TrainingEnvironmentFactory>();
        services.AddRunExecutors(configuration);
        services.AddSingleton<WorkerReadiness>();
        services.AddSingleton<DashboardMetrics>();
        services.AddWebhooks(configuration);
        services.AddHostedService<RunWorker>();
        services.AddDashboardAuth(configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSignalR();
        services.AddDashboardOpenApi();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // binding errors reach ApiExceptionHandler with their message
        services.AddMudServices();
        services.AddDashboardUi();
        services.AddDatasetUploads(configuration);
        services.AddPredictions(configuration);
        return services;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute(Components.Pages.NotFound.Path, createScopeForStatusCodePages: true); // API errors carry their problem JSON
        ProcessEnvironmentReport.Log(app.Logger);
        app.Logger.LogInformation("Data folder: {DataFolder}", app.Services.GetRequiredService<DashboardPaths>().DataFolder);
        app.UseWhen(ApiExceptionHandler.IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseDashboardAuth();
        app.UseAntiforgery();
        app.UseDashboardMetrics();
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapHealth();
        app.MapRecipeSchema();
        app.MapRunApi();
        app.MapDatasetApi();
        app.MapWorkerApi();
        app.MapPredictions();
        app.MapHub<TrainingHub>(TrainingHub.Path).RequireAuthorization(Policies.CanWatch);
        app.MapDashboardUi();
        return app;
    }
}
