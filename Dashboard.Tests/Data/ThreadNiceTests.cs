using Dashboard.Training.Data;

namespace Dashboard.Tests.Data;

/// <summary>The loader's threads lower their own priority and no other thread's.</summary>
public sealed class ThreadNiceTests
{
    [Fact]
    public void Lowering_changes_the_calling_thread_only()
    {
        int callerBefore = NiceOfThisThread();
        int before = 0, after = 0;
        bool lowered = false;
        var thread = new Thread(() =>
        {
            before = NiceOfThisThread();
            lowered = ThreadNice.Lower(3);
            after = NiceOfThisThread();
        });
        thread.Start();
        thread.Join();

        Assert.True(lowered);
        Assert.Equal(Math.Min(19, before + 3), after);
        Assert.Equal(callerBefore, NiceOfThisThread());
        Assert.False(ThreadNice.Lower(0));
    }

    [Fact]
    public void Idle_time_scheduling_changes_the_calling_thread_only()
    {
        var callerBefore = PolicyOfThisThread();
        var (idle, policy) = (false, -1);
        var thread = new Thread(() =>
        {
            idle = ThreadNice.RunOnlyWhenIdle();
            policy = PolicyOfThisThread();
        });
        thread.Start();
        thread.Join();

        Assert.True(idle);
        Assert.Equal(SchedIdle, policy);
        Assert.Equal(callerBefore, PolicyOfThisThread());
        Assert.NotEqual(SchedIdle, callerBefore);
    }

    private const int SchedIdle = 5;

    private static int NiceOfThisThread() => StatField(19);

    private static int PolicyOfThisThread() => StatField(41);

    /// <summary>A numbered field of /proc/thread-self/stat (counted after the parenthesised command name, field 3 on).</summary>
    private static int StatField(int number)
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[number - 3]);
    }
}
