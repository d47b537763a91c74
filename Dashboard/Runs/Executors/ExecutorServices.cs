using Dashboard.Configuration;
using Dashboard.Runs.Slurm;
using Dashboard.Runs.Workers;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Executors;

/// <summary>Registers the executors and chooses the one <c>Dashboard:Executor</c> names.</summary>
public static class ExecutorServices
{
    public static IServiceCollection AddRunExecutors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessExecutorOptions>().Bind(configuration.GetSection(ProcessExecutorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerFilesOptions>().Bind(configuration.GetSection(WorkerFilesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RunEventRecorder>();
        services.AddSingleton<WorkerChannels>();
        services.AddSingleton<WorkerLauncher>();
        services.AddSingleton<WorkerRecords>();
        services.AddSingleton<InProcessExecutor>();
        services.AddSingleton<ProcessExecutor>();
        services.AddOptions<SlurmOptions>().Bind(configuration.GetSection(SlurmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlurmCommands>();
        services.AddSingleton<SlurmJobs>();
        services.AddSingleton<SlurmExecutor>();
        services.AddSingleton<IRunExecutor>(sp => sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Executor switch
        {
            ExecutorNames.Process => sp.GetRequiredService<ProcessExecutor>(),
            ExecutorNames.Slurm => sp.GetRequiredService<SlurmExecutor>(),
            _ => sp.GetRequiredService<InProcessExecutor>(),
        });
        return services;
    }
}
