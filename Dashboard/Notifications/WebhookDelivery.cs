using System.Net;
using System.Text;
using Dashboard.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>
/// POSTs one run end to one hook: retried with exponential back-off on a network error, a timeout, a 5xx or a 429
/// (waiting what its Retry-After asks, up to <see cref="WebhookOptions.MaxBackoffSeconds"/>), never on another 4xx.
/// Never throws: a hook that cannot be reached is logged and given up.
/// </summary>
public sealed class WebhookDelivery(IHttpClientFactory clients, WebhookMessages messages, IOptions<WebhookOptions> options, ILogger<WebhookDelivery> logger)
{
    public const string ClientName = "webhooks";

    private sealed record Attempt(bool Delivered, bool Retryable, TimeSpan? RetryAfter, string Problem);

    private static readonly Attempt Success = new(true, false, null, "");

    public async Task DeliverAsync(WebhookTarget hook, RunSummary run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = messages.Body(hook.Format, run);
        for (int retry = 0; ; retry++)
        {
            var attempt = await PostAsync(hook.Url, body, cancellationToken);
            if (attempt.Delivered) return;
            if (!attempt.Retryable || retry >= settings.Retries)
            {
                logger.LogWarning("Webhook {Url} was not told that run {RunId} {Status}: {Problem} (after {Tries} tries)", hook.Url, run.Id, run.Status, attempt.Problem, retry + 1);
                return;
            }
            await WaitAsync(Backoff(settings, retry, attempt.RetryAfter), cancellationToken);
        }
    }

    /// <summary>The receiver's Retry-After when it gave one, else the first back-off doubled per retry; at most the cap either way.</summary>
    public static TimeSpan Backoff(WebhookOptions settings, int retry, TimeSpan? retryAfter)
    {
        double seconds = retryAfter?.TotalSeconds ?? settings.BackoffSeconds * Math.Pow(2, retry);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, settings.MaxBackoffSeconds));
    }

    private async Task<Attempt> PostAsync(string url, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsync(url, content, cancellationToken);
            if (response.IsSuccessStatusCode) return Success;
            bool retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            return new Attempt(false, retryable, RetryAfter(response), $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e) { return new Attempt(false, true, null, e.Message); }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(false, true, null, $"no answer within {options.Value.TimeoutSeconds} s");
        }
        catch (OperationCanceledException) { return new Attempt(false, false, null, "the server is stopping"); }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>Cut short when the server stops: the next try then fails at once, as "the server is stopping", and is logged.</summary>
    private static async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try { await Task.Delay(delay, cancellationToken); }
        catch (OperationCanceledException) { }
    }
}
