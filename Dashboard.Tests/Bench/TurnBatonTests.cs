using System.Collections.Concurrent;
using Dashboard.Bench.Efficiency;

namespace Dashboard.Tests.Bench;

/// <summary>Two real threads taking turns through the baton, as the two fits of the efficiency measurement do.</summary>
public sealed class TurnBatonTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_threads_train_one_batch_at_a_time_in_the_schedules_order_and_both_stop_after_the_last()
    {
        var schedule = EfficiencySchedule.Batches(rounds: 3, slotBatches: 2, warmupBatches: 2, leadInBatches: 1);
        using var stop = new CancellationTokenSource();
        var done = new ConcurrentQueue<int>();
        using var baton = new TurnBaton(schedule, stop, done.Enqueue);
        var trained = new ConcurrentQueue<(FitSide Side, bool OpensTurn)>();
        var active = 0;

        var sides = new[] { FitSide.ComputeAlone, FitSide.Pipeline }.Select(side => Task.Factory.StartNew(() =>
        {
            while (true)
            {
                var opensTurn = baton.TakeTurn(side);
                Assert.Equal(1, Interlocked.Increment(ref active)); // never two batches at once
                trained.Enqueue((side, opensTurn));
                Thread.Sleep(1);
                Interlocked.Decrement(ref active);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(sides.Select(side => side.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Limit);
        Assert.All(sides, side => Assert.IsType<OperationCanceledException>(side.Exception!.InnerException));
        Assert.Equal(schedule.Select(batch => batch.Side), trained.Select(batch => batch.Side));
        var opens = schedule.Select((batch, i) => i == 0 || schedule[i - 1].Side != batch.Side);
        Assert.Equal(opens, trained.Select(batch => batch.OpensTurn));
        Assert.Equal(Enumerable.Range(0, schedule.Count - 1), done.Take(schedule.Count - 1)); // the last is reported as its fit asks for more
    }

    [Fact]
    public async Task Stopping_releases_a_side_that_waits_for_its_turn()
    {
        var schedule = EfficiencySchedule.Batches(rounds: 1, slotBatches: 1, warmupBatches: 1, leadInBatches: 0);
        using var stop = new CancellationTokenSource();
        using var baton = new TurnBaton(schedule, stop);

        var computeAlone = Task.Run(() => baton.TakeTurn(FitSide.ComputeAlone)); // its first turn comes after the pipeline's
        await Task.Delay(200);
        Assert.False(computeAlone.IsCompleted);
        stop.Cancel(); // as a failed fit does

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => computeAlone.WaitAsync(Limit));
    }
}
