using System.Diagnostics;
using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using Xunit.Abstractions;

namespace Dashboard.Tests.Data;

/// <summary>Prints the loader's throughput at 224 px, side_on, batch 32. A figure to report, not a timing assertion.</summary>
public sealed class LoaderThroughputTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 224;
    private const int BatchSize = 32;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Demo_pngs_at_224()
    {
        var items = DemoDataset.Load().Train.Take(10 * BatchSize).ToList();
        Report("demo 28×28 PNG", items);
    }

    [Fact]
    public void Jpegs_500x375_at_224()
    {
        var items = Enumerable.Range(0, 2 * BatchSize)
            .Select(i => new DataItem(new FileImageSource(TestImages.NoiseJpeg(temp.File($"{i:D3}.jpg"), 500, 375, seed: i)), 0))
            .ToList();
        Report("500×375 JPEG", items);
    }

    private void Report(string what, IReadOnlyList<DataItem> items)
    {
        var loader = new DataLoader(items, new LoaderOptions { Size = Size, BatchSize = BatchSize, Augmentation = AugmentationOptions.SideOn() });
        Drain(loader, epoch: 0);
        var clock = Stopwatch.StartNew();
        var count = Drain(loader, epoch: 1);
        var perSecond = count / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{what}: {perSecond:F0} images/s at {Size} px, side_on, batch {BatchSize}, {loader.Options.DecodeThreads} decode threads ({count} images)");
        Assert.Equal(items.Count, count);
    }

    private static int Drain(DataLoader loader, int epoch) =>
        loader.Epoch(epoch).Sum(batch => { using (batch) return batch.Count; });
}
