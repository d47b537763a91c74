using Dashboard.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Components;

/// <summary>
/// On a fake clock: the interval passes only when the test advances the clock, so no test sleeps or depends on the
/// machine's speed; the test waits for the update's own signal (the continuation after a timer may run on another thread).
/// </summary>
public class UpdateThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider time = new();
    private readonly SemaphoreSlim ran = new(0);
    private int runs;

    private UpdateThrottle Throttle() => new(Interval, work => work(),
        () => { Interlocked.Increment(ref runs); ran.Release(); return Task.CompletedTask; }, e => throw e, time);

    private async Task UpdateRanAsync() => Assert.True(await ran.WaitAsync(Patience), "the update did not run");

    [Fact]
    public async Task The_first_request_runs_at_once_and_many_within_the_interval_run_the_update_once_more_when_it_ends()
    {
        using var throttle = Throttle();

        throttle.Request();
        await UpdateRanAsync();
        for (int i = 0; i < 50; i++) throttle.Request();
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, runs);

        time.Advance(TimeSpan.FromMilliseconds(1));

        await UpdateRanAsync();
        time.Advance(Interval * 3);
        Assert.Equal(2, runs); // nothing was requested since
    }

    [Fact]
    public async Task A_request_after_a_quiet_interval_runs_at_once()
    {
        using var throttle = Throttle();
        throttle.Request();
        await UpdateRanAsync();
        time.Advance(Interval * 2);

        throttle.Request();

        await UpdateRanAsync();
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_disposed_throttle_runs_nothing_more()
    {
        var throttle = Throttle();
        throttle.Request();
        await UpdateRanAsync();
        throttle.Request();

        throttle.Dispose();
        time.Advance(Interval * 2);

        Assert.False(await ran.WaitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, runs);
    }
}
