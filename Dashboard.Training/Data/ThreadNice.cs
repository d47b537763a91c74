using System.Runtime.InteropServices;

namespace Dashboard.Training.Data;

/// <summary>
/// Lowers the Linux scheduling priority of the calling thread only: SCHED_IDLE (it runs only on a core no other thread
/// wants) or a higher nice value. Decoding threads run this way so that, on a machine with as many busy libtorch threads
/// as cores, decoding fills the compute threads' gaps instead of stalling both at their next barrier.
/// </summary>
public static class ThreadNice
{
    private const int PrioProcess = 0;
    private const int SchedIdle = 5;
    private const long SysGettid = 186; // x86_64

    /// <summary>A decode thread's priority: SCHED_IDLE with <see cref="LoaderOptions.DecodeInIdleTime"/> where the system allows it, otherwise <see cref="LoaderOptions.DecodeNice"/>.</summary>
    public static void ForDecoding(LoaderOptions options)
    {
        if (!(options.DecodeInIdleTime && RunOnlyWhenIdle())) Lower(options.DecodeNice);
    }

    /// <summary>Puts this thread under SCHED_IDLE, for good (an unprivileged thread cannot leave it); false where not supported.</summary>
    public static bool RunOnlyWhenIdle()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        try
        {
            var priority = 0; // struct sched_param { int sched_priority; }: 0 for SCHED_IDLE
            return sched_setscheduler((int)syscall(SysGettid), SchedIdle, ref priority) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    /// <summary>Adds <paramref name="increment"/> to this thread's nice value; false (and no change) where not supported.</summary>
    public static bool Lower(int increment)
    {
        if (increment <= 0 || !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        try
        {
            var thread = (int)syscall(SysGettid);
            return setpriority(PrioProcess, thread, Math.Min(19, getpriority(PrioProcess, thread) + increment)) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    [DllImport("libc", ExactSpelling = true, SetLastError = true)]
    private static extern int setpriority(int which, int who, int priority);

    [DllImport("libc", ExactSpelling = true, SetLastError = true)]
    private static extern int getpriority(int which, int who);

    [DllImport("libc", ExactSpelling = true, SetLastError = true)]
    private static extern int sched_setscheduler(int pid, int policy, ref int param);

    [DllImport("libc", ExactSpelling = true)]
    private static extern long syscall(long number);
}
