using System.Runtime.InteropServices;

namespace Dashboard.Training;

/// <summary>
/// glibc's malloc settings for libtorch's tensors. By default glibc gives a freed block over 32 MB (a ResNet activation
/// at batch 32 and 224 px is 100 MB) straight back to the kernel, trims the heap top as soon as it is free, and puts
/// each thread on its own arena whose heaps cannot hold a block over 64 MB. Every training step then maps fresh zeroed
/// pages for its activations and gradients: measured here, steps at 224 px run 2× slower than with the memory kept.
/// <para>
/// The full fix must be in place when the process starts, as the environment variable <see cref="GlibcTunables"/>
/// (one arena for every thread, no separate mappings, no trimming): <c>dotnet run</c> sets it from the launch profile;
/// elsewhere set it in the service definition. <see cref="KeepFreedBlocks"/> applies what can still be changed at run
/// time, which helps blocks under 64 MB. The cost: resident memory stays at the peak of one step.
/// </para>
/// </summary>
public static class NativeHeap
{
    /// <summary>The settings as a <c>GLIBC_TUNABLES</c> value, for this process at start or for another glibc process.</summary>
    public const string GlibcTunables = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647";

    public const string EnvironmentVariable = "GLIBC_TUNABLES";

    private const int TrimThreshold = -1;
    private const int MmapMax = -4;

    private static readonly Lock Gate = new();
    private static bool applied;

    /// <summary>True where the C library is glibc (the settings mean nothing elsewhere).</summary>
    public static bool IsGlibc { get; } = OperatingSystem.IsLinux() && ProbeGlibc();

    /// <summary>True when <paramref name="tunables"/> (a GLIBC_TUNABLES value) sets every name=value pair of <paramref name="wanted"/>.</summary>
    public static bool Contains(string? tunables, string wanted)
    {
        var present = (tunables ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return wanted.Split(':').All(present.Contains);
    }

    /// <summary>
    /// Stops glibc from unmapping large freed blocks and trimming the heap, process-wide and idempotent.
    /// Returns false, changing nothing, where the C library is not glibc.
    /// </summary>
    public static bool KeepFreedBlocks()
    {
        lock (Gate)
        {
            if (applied) return true;
            if (!IsGlibc) return false;
            applied = mallopt(MmapMax, 0) == 1 & mallopt(TrimThreshold, int.MaxValue) == 1;
            return applied;
        }
    }

    private static bool ProbeGlibc()
    {
        try { return gnu_get_libc_version() != IntPtr.Zero; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    [DllImport("libc", ExactSpelling = true)]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc", ExactSpelling = true)]
    private static extern IntPtr gnu_get_libc_version();
}
