using Dashboard.Soak;
using Xunit.Abstractions;

namespace Dashboard.Tests.Soak;

public class SoakTests(ITestOutputHelper output)
{
    /// <summary>The short form of the soak (the full one is <c>soak --batches 2000</c>): memory must not grow with batches.</summary>
    [Fact]
    public void Training_batches_do_not_grow_native_tensors_or_resident_memory()
    {
        var report = SoakCommand.Measure(batches: 160, size: 32);

        output.WriteLine($"{report.Batches} batches: RSS growth {report.RssGrowthMegabytes:F1} MB, tensors {report.TensorsAfterWarmUp} → {report.TensorsAtEnd}, {report.Seconds:F0} s");
        Assert.True(report.Batches >= 160);
        Assert.True(report.TensorGrowth <= 0, $"{report.TensorGrowth} more live tensors");
        Assert.True(report.RssGrowthMegabytes < 50, $"RSS grew {report.RssGrowthMegabytes:F1} MB");
    }
}
