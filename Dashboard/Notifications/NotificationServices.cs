using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>Registrations of the webhooks told when a run ends: options (validated on start), the HTTP client, the notifier.</summary>
public static class NotificationServices
{
    /// <summary>Call before the run worker is registered (see <see cref="WebhookNotifier"/>).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(WebhookDelivery.ClientName, (provider, client) =>
            client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<RunLinks>();
        services.AddSingleton<WebhookMessages>();
        services.AddSingleton<WebhookDelivery>();
        services.AddHostedService<WebhookNotifier>();
        return services;
    }
}
