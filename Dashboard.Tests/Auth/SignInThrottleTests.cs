using System.Net;
using Dashboard.Auth;
using Dashboard.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Auth;

/// <summary>Password guessing through the real sign-in form, with the server's clock in the test's hands.</summary>
public class SignInThrottleTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly LogCapture logs = new();

    private Task<DashboardHost> StartAsync() => DashboardHost.StartWithSignInAsync(services: services =>
    {
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ILoggerProvider>(logs);
    });

    [Fact]
    public async Task Five_failures_lock_the_user_with_429_and_Retry_After_doubling_with_each_further_failure()
    {
        await using var host = await StartAsync();
        using var browser = new CookieBrowser(host.BaseAddress);

        for (int i = 0; i < 5; i++) Assert.Contains("failed=1", (await browser.SignInAsync("admin", $"guess-number-{i}")).Headers.Location!.ToString());
        var locked = await browser.SignInAsync("admin", DashboardHost.AdminPassword);
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), locked.Headers.RetryAfter!.Delta);
        Assert.Contains("try again in 30 s", await locked.Content.ReadAsStringAsync());
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(1), (await browser.SignInAsync("admin", DashboardHost.AdminPassword)).Headers.RetryAfter!.Delta);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("failed=1", (await browser.SignInAsync("admin", "guess-number-5")).Headers.Location!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(60), (await browser.SignInAsync("admin", DashboardHost.AdminPassword)).Headers.RetryAfter!.Delta);
        time.Advance(TimeSpan.FromSeconds(60));
        var signedIn = await browser.SignInAsync("admin", DashboardHost.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.ToString());

        var throttle = logs.Messages.Where(m => m.Contains(nameof(SignInThrottle))).ToArray();
        Assert.Equal(6, throttle.Count(m => m.Contains("Sign-in failed for user admin from 127.0.0.1")));
        Assert.Equal(2, throttle.Count(m => m.Contains("Sign-in locked for user admin")));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("guess-number") || m.Contains(DashboardHost.AdminPassword));
    }

    [Fact]
    public async Task Failures_over_many_user_names_from_one_address_lock_the_address()
    {
        await using var host = await StartAsync();
        host.Get<UserStore>().Add("vera", Roles.Viewer, "viewer-password");
        using var browser = new CookieBrowser(host.BaseAddress);

        for (int i = 0; i < 5; i++) await browser.SignInAsync($"user{i}", "guess");
        var locked = await browser.SignInAsync("vera", "viewer-password");

        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Contains(logs.Messages, m => m.Contains("Sign-in locked for address 127.0.0.1"));
    }

    [Fact]
    public void A_lock_holds_the_user_from_every_address_and_the_address_for_every_user_and_success_clears_only_the_user()
    {
        var throttle = new SignInThrottle(Options.Create(new AuthOptions()), time, NullLogger<SignInThrottle>.Instance);
        var first = IPAddress.Parse("10.0.0.1");
        var second = IPAddress.Parse("10.0.0.2");
        for (int i = 0; i < 4; i++) throttle.Failed("alice", first);
        Assert.Null(throttle.LockedFor("alice", first));
        throttle.Failed("alice", first);

        Assert.Equal(TimeSpan.FromSeconds(30), throttle.LockedFor("alice", second));
        Assert.Equal(TimeSpan.FromSeconds(30), throttle.LockedFor("bob", first));
        Assert.Null(throttle.LockedFor("bob", second));
        throttle.Succeeded("alice");
        Assert.Null(throttle.LockedFor("alice", second));
        Assert.NotNull(throttle.LockedFor("alice", first));

        time.Advance(TimeSpan.FromSeconds(900 + 31)); // a quiet maximum lock: forgotten
        throttle.Failed("bob", first);
        Assert.Null(throttle.LockedFor("bob", first));
    }
}
