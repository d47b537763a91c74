using Dashboard.Training.Data;

namespace Dashboard.Tests.Data;

/// <summary>
/// A thread that claims an item and then never gets a core (a decode thread in idle time on a busy machine) holds
/// nobody up: the consumer prepares that item again, the batch finishes, and the late result is dropped.
/// </summary>
public sealed class BatchWorkTests
{
    private const int Floats = 4;

    [Fact]
    public void An_item_claimed_by_a_stalled_thread_is_taken_over_and_its_late_result_dropped()
    {
        using var stalledThreadMayFinish = new ManualResetEventSlim();
        using var stalledThreadClaimed = new ManualResetEventSlim();
        var stalledThread = 0;
        var work = new BatchWork(new ArraySegment<int>([10, 20]), new BatchBuffers(Floats), (index, buffer) =>
        {
            var stalled = Environment.CurrentManagedThreadId == Volatile.Read(ref stalledThread);
            if (stalled)
            {
                stalledThreadClaimed.Set();
                stalledThreadMayFinish.Wait();
            }
            Array.Fill(buffer, stalled ? -1f : index);
            return null;
        });
        var decodeThread = new Thread(() =>
        {
            Volatile.Write(ref stalledThread, Environment.CurrentManagedThreadId);
            work.TryPrepareUnclaimed();
        });
        decodeThread.Start();
        stalledThreadClaimed.Wait(); // the decode thread has claimed item 10 and waits

        Assert.True(work.TryPrepareUnclaimed()); // item 20
        Assert.False(work.TryPrepareUnclaimed());
        Assert.False(work.IsFinished);
        Assert.False(work.WaitForProgress(work.Published, TimeSpan.FromMilliseconds(20)));
        Assert.True(work.TryTakeOverStalled());
        Assert.True(work.IsFinished);
        Assert.False(work.TryTakeOverStalled());

        stalledThreadMayFinish.Set();
        decodeThread.Join();
        var (pixels, problems) = work.Results();
        Assert.Equal([10f, 10f, 10f, 10f], pixels[0]!);
        Assert.Equal([20f, 20f, 20f, 20f], pixels[1]!);
        Assert.All(problems, Assert.Null);
        Assert.Equal(2, work.Published);
    }

    [Fact]
    public void An_unexpected_exception_fails_the_batch_and_wakes_a_waiting_consumer()
    {
        var work = new BatchWork(new ArraySegment<int>([1, 2]), new BatchBuffers(Floats), (index, _) =>
            index == 1 ? throw new InvalidOperationException("boom") : null);

        Assert.Throws<InvalidOperationException>(() => work.TryPrepareUnclaimed());

        Assert.True(work.IsFinished);
        Assert.True(work.WaitForProgress(0, TimeSpan.FromSeconds(10)));
        Assert.Equal("boom", Assert.Throws<InvalidOperationException>(() => work.Results()).Message);
    }
}
