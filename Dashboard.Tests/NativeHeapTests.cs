using Dashboard.Training;
using static TorchSharp.torch;

namespace Dashboard.Tests;

/// <summary>
/// <see cref="NativeHeap.KeepFreedBlocks"/> keeps a freed activation-sized tensor in the process, so the next step
/// finds its pages already mapped. 40 MB: over glibc's largest default mapping threshold (32 MB), so by default the
/// free unmaps it, and under the 64 MB a thread arena's heap holds, which run-time settings can reach. Steady-state
/// memory of real training under the full settings is the soak's job (SoakTests).
/// </summary>
public sealed class NativeHeapTests
{
    private const long MB = 1L << 20;
    private const long TensorBytes = 40 * MB;
    private const long Slack = 8 * MB;

    [Fact]
    public void A_freed_40_MB_tensor_stays_resident()
    {
        var returned = Measurements.ChildMeasurement.Run(nameof(BytesReturnedByFreeingA40MbTensor));

        Assert.True(returned < Slack, $"the free gave {returned / MB} MB back to the kernel");
    }

    [Fact]
    public void Without_the_heap_settings_the_same_free_gives_the_tensor_back_to_the_kernel()
    {
        var returned = Measurements.ChildMeasurement.Run(nameof(BytesReturnedByFreeingA40MbTensorByDefault));

        Assert.True(returned > TensorBytes - Slack, $"the free gave only {returned / MB} MB back: the measurement cannot tell the settings apart");
    }

    /// <summary>In a child process of its own (resident memory is process-wide): how much freeing a 40 MB tensor gives back to the kernel.</summary>
    public static long BytesReturnedByFreeingA40MbTensor()
    {
        if (!NativeHeap.KeepFreedBlocks()) throw new InvalidOperationException("glibc expected on this machine");
        if (!NativeHeap.KeepFreedBlocks()) throw new InvalidOperationException("a second call is a no-op that still says yes");
        return BytesReturnedByFreeingA40MbTensorByDefault();
    }

    /// <summary>The same, with glibc's defaults (the child starts without GLIBC_TUNABLES).</summary>
    public static long BytesReturnedByFreeingA40MbTensorByDefault()
    {
        long holding;
        using (var activation = ones(TensorBytes / sizeof(float))) holding = ResidentBytes();
        return holding - ResidentBytes();
    }

    [Theory]
    [InlineData("glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647", true)]
    [InlineData("glibc.malloc.trim_threshold=2147483647:glibc.elision.enable=1:glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1", true)]
    [InlineData("glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0", false)]
    [InlineData("glibc.malloc.arena_max=2:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Tunables_count_only_when_every_setting_is_there(string? environment, bool expected) =>
        Assert.Equal(expected, NativeHeap.Contains(environment, NativeHeap.GlibcTunables));

    [Fact]
    public void The_launch_profile_that_dotnet_run_uses_sets_the_training_environment()
    {
        var path = Path.Combine(RepositoryFolder.Root(), "Dashboard", "Properties", "launchSettings.json");
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));

        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        foreach (var (variable, value) in ProcessEnvironment.Recommended)
            Assert.True(ProcessEnvironment.Satisfies(variable, profile.Value.GetProperty("environmentVariables").GetProperty(variable).GetString(), value), variable);
    }

    [Theory]
    [InlineData("OMP_WAIT_POLICY", "passive", true)]
    [InlineData("OMP_WAIT_POLICY", "ACTIVE", false)]
    [InlineData("OMP_WAIT_POLICY", null, false)]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=2147483647", true)]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.mmap_max=0", false)]
    public void A_variable_satisfies_the_recommendation_only_with_its_value(string variable, string? actual, bool expected) =>
        Assert.Equal(expected, ProcessEnvironment.Satisfies(variable, actual, ProcessEnvironment.Recommended[variable]));

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
