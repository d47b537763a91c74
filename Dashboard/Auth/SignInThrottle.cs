using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Slows down password guessing: failed sign-ins are counted per user name and per client address; from
/// <see cref="AuthOptions.SignInFailuresBeforeLock"/> failures on, each further failure locks that key for
/// <see cref="AuthOptions.SignInLockSeconds"/> × 2^(failures − limit), at most <see cref="AuthOptions.SignInMaxLockSeconds"/>.
/// While either key is locked no password is checked. A key is forgotten after a quiet maximum lock; a successful
/// sign-in clears the user's count (not the address's, so one known account cannot reset a sweep over others).
/// Each failure and each lock is logged with the user name and the address, never the password.
/// </summary>
public sealed class SignInThrottle(IOptions<AuthOptions> options, TimeProvider clock, ILogger<SignInThrottle> log)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Failures> failures = new();

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset LockedUntil);

    /// <summary>How long the user or the address must still wait, or null when a sign-in may be tried now.</summary>
    public TimeSpan? LockedFor(string user, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var until = Keys(user, address).Select(key => failures.TryGetValue(key, out var f) ? f.LockedUntil : now).Max();
        return until > now ? until - now : null;
    }

    public void Failed(string user, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (failures.Count > PruneAbove) Prune(now);
        var counts = Keys(user, address).Select(key => (Key: key, Now: failures.AddOrUpdate(key, _ => Next(null, now), (_, f) => Next(f, now)))).ToArray();
        log.LogWarning("Sign-in failed for user {User} from {Address} ({UserFailures} failures for the user, {AddressFailures} from the address)",
            user, address, counts[0].Now.Count, counts[1].Now.Count);
        foreach (var (key, locked) in counts.Where(c => c.Now.LockedUntil > now))
            log.LogWarning("Sign-in locked for {Key} until {Until:O} after {Failures} failures", key, locked.LockedUntil, locked.Count);
    }

    public void Succeeded(string user) => failures.TryRemove(UserKey(user), out _);

    private Failures Next(Failures? previous, DateTimeOffset now)
    {
        var settings = options.Value;
        int count = previous is null || now - previous.Last > MaxLock ? 1 : previous.Count + 1;
        int over = count - settings.SignInFailuresBeforeLock;
        var lockFor = over < 0 ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(settings.SignInMaxLockSeconds, settings.SignInLockSeconds * Math.Pow(2, Math.Min(over, 30))));
        return new Failures(count, now, now + lockFor);
    }

    private TimeSpan MaxLock => TimeSpan.FromSeconds(options.Value.SignInMaxLockSeconds);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, f) in failures)
            if (now - f.Last > MaxLock && f.LockedUntil <= now) failures.TryRemove(key, out _);
    }

    private static string UserKey(string user) => "user " + user.ToLowerInvariant();

    private static string[] Keys(string user, IPAddress? address) => [UserKey(user), "address " + (address?.ToString() ?? "unknown")];
}
