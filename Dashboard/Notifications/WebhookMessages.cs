using System.Text.Json;
using Dashboard.Runs;

namespace Dashboard.Notifications;

/// <summary>The body a hook receives when a run ends, in its <see cref="WebhookTarget.Format"/>.</summary>
public sealed class WebhookMessages(RunLinks links)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public string Body(string format, RunSummary run)
    {
        var link = links.RunPage(run.Id).ToString();
        return format switch
        {
            WebhookFormats.Slack => JsonSerializer.Serialize(new { text = SlackText(run, link) }, Web),
            WebhookFormats.Teams => JsonSerializer.Serialize(TeamsCard(run, link), Web),
            _ => JsonSerializer.Serialize(new RunEndMessage(run.Id, run.Name, run.Status, run.Accuracy, run.TtaAccuracy, run.Message, link, run.EndedAt), Web),
        };
    }

    /// <summary>Slack's mrkdwn: the title in bold, a link named "open run"; &amp;, &lt; and &gt; escaped as Slack asks.</summary>
    private static string SlackText(RunSummary run, string link) =>
        $"*{SlackEscape(RunEndText.Title(run))}*" + SlackEscape(Suffix(RunEndText.Details(run))) + $" <{link}|open run>";

    private static string SlackEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A MessageCard, which Teams' incoming webhooks accept: title, text and a button to the run page.</summary>
    private static Dictionary<string, object> TeamsCard(RunSummary run, string link) => new()
    {
        ["@type"] = "MessageCard",
        ["@context"] = "https://schema.org/extensions",
        ["summary"] = RunEndText.Title(run),
        ["title"] = RunEndText.Title(run),
        ["text"] = RunEndText.Details(run) is { Length: > 0 } details ? details : RunEndText.Title(run),
        ["potentialAction"] = new object[] { new Dictionary<string, object>
        {
            ["@type"] = "OpenUri", ["name"] = "Open run", ["targets"] = new object[] { new { os = "default", uri = link } },
        } },
    };

    private static string Suffix(string details) => details.Length > 0 ? " · " + details : "";
}

/// <summary>The <c>json</c> format: the run's id, name, end status, figures, message, page and end time.</summary>
public sealed record RunEndMessage(string RunId, string Name, string Status, double? Accuracy, double? TtaAccuracy, string? Message, string Link, DateTimeOffset? EndedAt);
