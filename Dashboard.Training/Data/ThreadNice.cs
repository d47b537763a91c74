using System.Runtime.InteropServices;

namespace Dashboard.Training.Data;

/// <summary>
/// Lowers the Linux scheduling priority (raises the nice value) of the calling thread only. Decoding threads run niced
/// so that, on a machine with as many busy libtorch threads as cores, the scheduler prefers the compute threads and
/// decoding fills the gaps instead of stalling both compute threads at their next barrier.
/// </summary>
public static class ThreadNice
{
    private const int PrioProcess = 0;
    private const long SysGettid = 186; // x86_64

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

    [DllImport("libc", ExactSpelling = true)]
    private static extern long syscall(long number);
}
