using System.ComponentModel.DataAnnotations;
using Dashboard.Runs;

namespace Dashboard.Notifications;

/// <summary>
/// Webhooks told when a run ends, and how hard to try; bound to "Dashboard:Webhooks". A hook that fails is retried
/// with exponential back-off on network errors, timeouts, 5xx and 429 (honouring Retry-After up to <see cref="MaxBackoffSeconds"/>),
/// never on other 4xx; a run never waits for a hook.
/// </summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Dashboard:Webhooks";

    public List<WebhookTarget> Hooks { get; set; } = [];

    /// <summary>Tries after the first one fails.</summary>
    [Range(0, 20)]
    public int Retries { get; set; } = 4;

    /// <summary>The wait before the first retry; it doubles for each further one.</summary>
    [Range(0.001, 3600)]
    public double BackoffSeconds { get; set; } = 2;

    /// <summary>The longest wait between two tries, also for a receiver's Retry-After.</summary>
    [Range(0.001, 3600)]
    public double MaxBackoffSeconds { get; set; } = 60;

    /// <summary>How long one POST may take.</summary>
    [Range(0.1, 600)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Run ends waiting for delivery; one more is dropped, with a warning in the log.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Each hook's own settings, with its place in the list in the message ("Dashboard:Webhooks:Hooks:0:Url …").</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (int index = 0; index < Hooks.Count; index++)
        {
            var errors = new List<ValidationResult>();
            Validator.TryValidateObject(Hooks[index], new ValidationContext(Hooks[index]), errors, validateAllProperties: true);
            foreach (var error in errors) yield return new ValidationResult($"{SectionName}:Hooks:{index}: {error.ErrorMessage}", error.MemberNames);
        }
    }
}

/// <summary>One receiver: where, in which body format, for which ends.</summary>
public sealed class WebhookTarget : IValidatableObject
{
    [Required(AllowEmptyStrings = false), AbsoluteHttpUrl]
    public string Url { get; set; } = "";

    [RegularExpression(WebhookFormats.Pattern, ErrorMessage = "Format must be json, slack or teams.")]
    public string Format { get; set; } = WebhookFormats.Json;

    /// <summary>The end statuses it is told about (finished, failed, stopped, interrupted); empty: all of them.</summary>
    public List<string> Events { get; set; } = [];

    public static readonly string[] EndStatuses = [RunStatus.Finished, RunStatus.Failed, RunStatus.Stopped, RunStatus.Interrupted];

    public bool Wants(string status) => EndStatuses.Contains(status) && (Events.Count == 0 || Events.Contains(status));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Events.Where(e => !EndStatuses.Contains(e))
        .Select(e => new ValidationResult($"Events: '{e}' is not a run end; use {string.Join(", ", EndStatuses)}.", [nameof(Events)]));
}

/// <summary>Body formats: the dashboard's own JSON, a Slack incoming webhook's, a Teams incoming webhook's (MessageCard).</summary>
public static class WebhookFormats
{
    public const string Json = "json";
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Pattern = "^(json|slack|teams)$";
}
