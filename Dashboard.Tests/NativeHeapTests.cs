using Dashboard.Training;
using static TorchSharp.torch;

namespace Dashboard.Tests;

/// <summary>
/// After <see cref="NativeHeap.KeepFreedBlocks"/>, freed activation-sized tensors stay in the process and later steps
/// reuse them: resident memory neither drops after a free (no fresh page faults next step) nor grows step after step.
/// </summary>
public sealed class NativeHeapTests
{
    private const long MB = 1L << 20;
    private const long TensorBytes = 100 * MB;
    private const long Slack = 16 * MB;
    private const int Steps = 6;

    [Fact]
    public void Freed_100_MB_tensors_stay_resident_and_are_reused()
    {
        Assert.True(NativeHeap.KeepFreedBlocks(), "glibc expected on this machine");
        Assert.True(NativeHeap.KeepFreedBlocks(), "a second call is a no-op that still says yes");

        var before = ResidentBytes();
        var afterEachStep = new List<long>();
        for (int step = 0; step < Steps; step++)
        {
            using (var activation = ones(TensorBytes / sizeof(float)))
            using (var gradient = ones(TensorBytes / sizeof(float))) { }
            afterEachStep.Add(ResidentBytes());
        }

        var trace = string.Join(", ", afterEachStep.Select(bytes => $"{(bytes - before) / MB}"));
        Assert.True(afterEachStep[0] - before > 2 * TensorBytes - Slack, $"freed blocks left the process: MB above start per step {trace}");
        Assert.True(afterEachStep[^1] - afterEachStep[1] < Slack, $"later steps did not reuse the blocks: MB above start per step {trace}");
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
