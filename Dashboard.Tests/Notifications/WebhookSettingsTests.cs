using Dashboard.Notifications;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Notifications;

/// <summary>Webhook settings: bad ones stop the dashboard from starting with a message naming the setting; the back-off between tries.</summary>
public sealed class WebhookSettingsTests
{
    [Theory]
    [InlineData("Dashboard:Webhooks:Hooks:0:Url", "ftp://hooks.example/x", "Dashboard:Webhooks:Hooks:0: Url must be an absolute http:// or https:// URL.")]
    [InlineData("Dashboard:Webhooks:Hooks:0:Url", "hooks.example/x", "Dashboard:Webhooks:Hooks:0: Url must be an absolute http:// or https:// URL.")]
    [InlineData("Dashboard:Webhooks:Hooks:0:Format", "xml", "Dashboard:Webhooks:Hooks:0: Format must be json, slack or teams.")]
    [InlineData("Dashboard:Webhooks:Hooks:0:Events:0", "done", "Dashboard:Webhooks:Hooks:0: Events: 'done' is not a run end; use finished, failed, stopped, interrupted.")]
    [InlineData("Dashboard:Webhooks:Retries", "-1", "The field Retries must be between 0 and 20.")]
    [InlineData("Dashboard:PublicUrl", "dashboard.example", "PublicUrl must be an absolute http:// or https:// URL.")]
    public async Task A_bad_setting_is_refused_on_start_with_a_message_naming_it(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Dashboard:Webhooks:Hooks:0:Url"] = "http://127.0.0.1:9/hook", [key] = value };
        var dataFolder = Directory.CreateTempSubdirectory("webhook-settings-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            {
                await using var app = LoopbackDashboard.Build(dataFolder, settings);
                await app.StartAsync();
            });
            Assert.Contains(message, error.Message);
        }
        finally { Directory.Delete(dataFolder, recursive: true); }
    }

    [Fact]
    public void The_back_off_doubles_from_its_first_wait_up_to_the_cap_and_a_Retry_After_wins_within_the_cap()
    {
        var settings = new WebhookOptions { BackoffSeconds = 2, MaxBackoffSeconds = 10 };

        Assert.Equal([2, 4, 8, 10, 10], Enumerable.Range(0, 5).Select(retry => WebhookDelivery.Backoff(settings, retry, null).TotalSeconds));
        Assert.Equal(7, WebhookDelivery.Backoff(settings, 0, TimeSpan.FromSeconds(7)).TotalSeconds);
        Assert.Equal(10, WebhookDelivery.Backoff(settings, 0, TimeSpan.FromHours(1)).TotalSeconds);
        Assert.Equal(0, WebhookDelivery.Backoff(settings, 3, TimeSpan.FromSeconds(-5)).TotalSeconds);
    }
}
