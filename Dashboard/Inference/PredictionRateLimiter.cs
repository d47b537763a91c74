using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Inference;

/// <summary>
/// Predict requests per user (the page and the API share one count): <see cref="LimitsOptions.PredictRequests"/> in each
/// window of <see cref="LimitsOptions.PredictWindowSeconds"/>; a request over it is refused with the seconds to wait.
/// </summary>
public sealed class PredictionRateLimiter(IOptions<LimitsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PredictRequests, Window = TimeSpan.FromSeconds(options.Value.PredictWindowSeconds), QueueLimit = 0,
        }));

    /// <summary>Counts one request of <paramref name="user"/>; throws <see cref="PredictionRefused"/> (429) over the limit.</summary>
    public void Acquire(string user)
    {
        using var lease = limiter.AttemptAcquire(user);
        if (lease.IsAcquired) return;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : options.Value.PredictWindowSeconds;
        throw new PredictionRefused(StatusCodes.Status429TooManyRequests, "Too many predictions",
            $"{user} asked for more than {options.Value.PredictRequests} predictions in {options.Value.PredictWindowSeconds} s; try again in {wait} s.")
        { RetryAfterSeconds = wait };
    }

    public void Dispose() => limiter.Dispose();
}
