using Dashboard.Notifications;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using static Dashboard.Tests.Notifications.WebhookHosts;

namespace Dashboard.Tests.Notifications;

/// <summary>What Slack and Teams hooks receive, and where the link points without a public URL.</summary>
public sealed class WebhookFormatTests
{
    [Fact]
    public async Task Slack_hooks_get_a_text_and_teams_hooks_a_message_card_naming_the_run_its_status_and_its_page()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await DashboardHost.StartAsync(settings: Settings(Hook(receiver.Url("/slack"), WebhookFormats.Slack), Hook(receiver.Url("/teams"), WebhookFormats.Teams)));
        var run = StoppedBeforeItStarted(host, "cats <vs> dogs");
        var link = $"{PublicUrl}runs/{run.Id}";

        var slack = Assert.Single(await receiver.WaitForAsync("/slack", 1)).Body;
        var teams = Assert.Single(await receiver.WaitForAsync("/teams", 1)).Body;

        Assert.Equal(["text"], slack.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"*cats &lt;vs&gt; dogs stopped* · {RunCommands.StoppedWhileQueued} <{link}|open run>", slack.GetProperty("text").GetString());
        Assert.Equal("MessageCard", teams.GetProperty("@type").GetString());
        Assert.Equal("cats <vs> dogs stopped", teams.GetProperty("title").GetString());
        Assert.Equal(RunCommands.StoppedWhileQueued, teams.GetProperty("text").GetString());
        Assert.Equal(link, teams.GetProperty("potentialAction")[0].GetProperty("targets")[0].GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Without_a_public_url_the_link_points_at_the_address_the_dashboard_listens_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(Hook(receiver.Url("/hook")));
        settings.Remove("Dashboard:PublicUrl");
        await using var host = await DashboardHost.StartAsync(settings: settings);
        var run = StoppedBeforeItStarted(host, "local link");

        var body = Assert.Single(await receiver.WaitForAsync("/hook", 1)).Body;

        Assert.Equal(new Uri(host.BaseAddress, $"runs/{run.Id}").ToString(), body.GetProperty("link").GetString());
        Assert.Equal(RunStatus.Stopped, body.GetProperty("status").GetString());
        Assert.Equal(RunCommands.StoppedWhileQueued, body.GetProperty("message").GetString());
    }
}
