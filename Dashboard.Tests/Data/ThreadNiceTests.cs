using Dashboard.Training.Data;

namespace Dashboard.Tests.Data;

/// <summary>The loader's thread lowers its own priority and no other thread's.</summary>
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

    /// <summary>Field 19 of /proc/thread-self/stat (after the parenthesised command name).</summary>
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3]);
    }
}
