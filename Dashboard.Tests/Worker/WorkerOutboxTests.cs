using Dashboard.Runs.Executors;
using Dashboard.Training.Events;
using Dashboard.Worker;

namespace Dashboard.Tests.Worker;

public class WorkerOutboxTests
{
    [Fact]
    public void Events_are_numbered_after_the_servers_last_one_and_kept_until_acknowledged()
    {
        var outbox = new WorkerOutbox(lastSequence: 7);
        for (int i = 0; i < 5; i++) outbox.Emit(new FitCompleted(i, 1));

        Assert.Equal([8L, 9L, 10L], outbox.Oldest(3).Select(e => e.Sequence));
        outbox.Acknowledge(9);
        Assert.Equal([10L, 11L, 12L], outbox.Oldest(10).Select(e => e.Sequence));
        outbox.Acknowledge(9); // an older acknowledgement changes nothing
        Assert.Equal(3, outbox.Count);
        Assert.Equal(12, outbox.LastSequence);
    }

    [Fact]
    public async Task Waiting_for_delivery_returns_once_everything_is_acknowledged_and_false_when_the_server_is_abandoned()
    {
        var outbox = new WorkerOutbox(0);
        outbox.Emit(new FitCompleted(0, 1));
        var delivered = Task.Run(outbox.WaitUntilDelivered);
        await outbox.WaitForFlushRequestAsync(TimeSpan.FromMinutes(1)); // the waiter asks the sender to send now
        outbox.Acknowledge(1);
        Assert.True(await delivered);

        outbox.Emit(new FitCompleted(1, 1));
        var abandoned = Task.Run(outbox.WaitUntilDelivered);
        outbox.Abandon();
        Assert.False(await abandoned);
    }

    [Theory]
    [InlineData(137, "killed by signal 9 (SIGKILL")]
    [InlineData(134, "killed by signal 6 (SIGABRT)")]
    [InlineData(1, "exited with code 1")]
    public void A_worker_exit_is_described_by_its_signal_or_exit_code(int exitCode, string expected) =>
        Assert.Contains(expected, WorkerExit.Describe(exitCode));
}
