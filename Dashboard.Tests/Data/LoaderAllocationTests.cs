using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Tests.Data;

/// <summary>Once warm, a loader reuses its batch buffers: an epoch allocates far less than one batch of pixels.</summary>
public sealed class LoaderAllocationTests : IDisposable
{
    private const int Size = 224;
    private const int BatchSize = 16;
    private const int Batches = 10;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Steady_epochs_allocate_no_pixel_buffers()
    {
        ImageFolders.Create(temp, ["a", "b"], trainPerClass: Batches * BatchSize / 2, validPerClass: 1);
        var loader = new DataLoader(FolderDataset.Load(temp.Path).Train, new LoaderOptions
        {
            Size = Size, BatchSize = BatchSize, Augmentation = AugmentationOptions.SideOn(), DecodeThreads = 2, Prefetch = 2,
        });
        Drain(loader, epoch: 0);
        Drain(loader, epoch: 1);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        Drain(loader, epoch: 2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var batchPixelBytes = BatchSize * PixelPacking.FloatsPerImage(Size, Size) * sizeof(float);
        Assert.True(allocated < batchPixelBytes, $"{Batches} batches allocated {allocated / 1024} KB; one batch of pixels is {batchPixelBytes / 1024} KB");
    }

    private static void Drain(DataLoader loader, int epoch)
    {
        foreach (var batch in loader.Epoch(epoch)) batch.Dispose();
    }
}
