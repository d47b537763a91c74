using Dashboard.Components.Shared;

namespace Dashboard.Tests.Components;

public class UpdateThrottleTests
{
    [Fact]
    public async Task Many_requests_within_an_interval_run_the_update_once_more()
    {
        int runs = 0;
        using var throttle = new UpdateThrottle(TimeSpan.FromSeconds(1), work => work(),
            () => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, e => throw e);

        throttle.Request();
        await Task.Delay(50);
        for (int i = 0; i < 50; i++) throttle.Request();
        await Task.Delay(2500);

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_disposed_throttle_runs_nothing()
    {
        int runs = 0;
        var throttle = new UpdateThrottle(TimeSpan.FromSeconds(1), work => work(),
            () => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, e => throw e);
        throttle.Request();
        await Task.Delay(20);
        throttle.Request();
        throttle.Dispose();

        await Task.Delay(1500);

        Assert.Equal(1, runs);
    }
}
