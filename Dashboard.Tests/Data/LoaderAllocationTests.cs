using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;

namespace Dashboard.Tests.Data;

/// <summary>
/// Once warm, a loader reuses its batch buffers: an epoch allocates far less than one batch of pixels. Measured in a
/// child process of its own: the loader allocates on its decode threads, so only a process-wide count sees it all.
/// </summary>
public sealed class LoaderAllocationTests
{
    private const int Size = 224;
    private const int BatchSize = 16;
    private const int Batches = 10;

    [Fact]
    public void Steady_epochs_allocate_no_pixel_buffers()
    {
        var allocated = Measurements.ChildMeasurement.Run(nameof(BytesAllocatedByASteadyEpoch));

        var batchPixelBytes = BatchSize * PixelPacking.FloatsPerImage(Size, Size) * sizeof(float);
        Assert.True(allocated < batchPixelBytes, $"{Batches} batches allocated {allocated / 1024} KB; one batch of pixels is {batchPixelBytes / 1024} KB");
    }

    /// <summary>Bytes the whole process allocates while a warm loader runs its third epoch.</summary>
    public static long BytesAllocatedByASteadyEpoch()
    {
        using var temp = new TempFolder();
        ImageFolders.Create(temp, ["a", "b"], trainPerClass: Batches * BatchSize / 2, validPerClass: 1);
        var loader = new DataLoader(FolderDataset.Load(temp.Path).Train, new LoaderOptions
        {
            Size = Size, BatchSize = BatchSize, Augmentation = AugmentationOptions.SideOn(), DecodeThreads = 2, Prefetch = 2,
        });
        Drain(loader, epoch: 0);
        Drain(loader, epoch: 1);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        Drain(loader, epoch: 2);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static void Drain(DataLoader loader, int epoch)
    {
        foreach (var batch in loader.Epoch(epoch)) batch.Dispose();
    }
}
