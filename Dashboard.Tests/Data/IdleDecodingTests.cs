using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using TorchSharp;

namespace Dashboard.Tests.Data;

/// <summary>
/// Decode threads run only in idle time (SCHED_IDLE): on a machine with no idle core they hardly run, and the training
/// thread prepares the batches itself instead of waiting for them (it took a minute for these 24 images while it waited
/// for items they had claimed; see <see cref="BatchWorkTests"/>); the batches are the same as anywhere else.
/// </summary>
public sealed class IdleDecodingTests : IDisposable
{
    private const int Size = 32;
    private readonly TempFolder temp = new();
    private readonly DataBunch data;

    public IdleDecodingTests()
    {
        for (var i = 0; i < 28; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(temp.Path, i < 24 ? "train" : "valid", $"c{i % 2}")).FullName;
            TestImages.NoiseJpeg(Path.Combine(folder, $"{i}.jpg"), 160, 120, seed: i);
        }
        data = FolderDataset.Load(temp.Path);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void With_every_core_busy_the_training_thread_prepares_the_batches_itself_and_they_are_the_same()
    {
        var expected = Pixels(Loader(decodeInIdleTime: false));
        var loader = Loader(decodeInIdleTime: true);

        List<float[]> pixels;
        using (BusyCores.Start(2 * Environment.ProcessorCount)) pixels = Pixels(loader);

        Assert.Equal(expected, pixels);
        Assert.True(loader.ImagesPreparedByConsumer > 0, "the training thread waited for decode threads that hardly run");
    }

    [Fact]
    public void With_consumer_help_off_only_the_decode_threads_prepare_batches_even_when_the_consumer_waits()
    {
        var expected = Pixels(Loader(decodeInIdleTime: false));
        var loader = Loader(decodeInIdleTime: false, consumerHelps: false);

        List<float[]> pixels;
        using (BusyCores.Start(2 * Environment.ProcessorCount)) pixels = Pixels(loader); // niced decode threads fall behind

        Assert.Equal(expected, pixels);
        Assert.Equal(0, loader.ImagesPreparedByConsumer);
    }

    [Fact]
    public void On_an_idle_machine_the_decode_threads_keep_ahead_and_the_batches_are_the_same()
    {
        var expected = Pixels(Loader(decodeInIdleTime: false));
        var loader = Loader(decodeInIdleTime: true);

        var pixels = new List<float[]>();
        foreach (var batch in loader.Epoch(0))
            using (batch)
            {
                Thread.Sleep(200); // the training step: the loader has time to prepare the next batches
                pixels.Add(batch.Images.data<float>().ToArray());
            }

        Assert.Equal(expected, pixels);
        Assert.True(loader.ImagesPreparedByConsumer <= 4, $"the training thread prepared {loader.ImagesPreparedByConsumer} images"); // at most part of the first batch
    }

    private DataLoader Loader(bool decodeInIdleTime, bool consumerHelps = true) => new(data.Train, new LoaderOptions
    {
        Size = Size, BatchSize = 4, Seed = 3, Augmentation = AugmentationOptions.FromName("side_on"), DecodeThreads = 2, Prefetch = 2,
        DecodeInIdleTime = decodeInIdleTime, ConsumerHelps = consumerHelps,
    });

    private static List<float[]> Pixels(DataLoader loader) =>
        loader.Epoch(0).Select(batch => { using (batch) return batch.Images.data<float>().ToArray(); }).ToList();

    /// <summary>Threads spinning at normal priority until disposed.</summary>
    private sealed class BusyCores : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Thread[] threads;

        private BusyCores(int count)
        {
            threads = Enumerable.Range(0, count).Select(_ => new Thread(() => { while (!stop.IsCancellationRequested) Thread.SpinWait(1000); })).ToArray();
            foreach (var thread in threads) thread.Start();
        }

        public static BusyCores Start(int count) => new(count);

        public void Dispose()
        {
            stop.Cancel();
            foreach (var thread in threads) thread.Join();
            stop.Dispose();
        }
    }
}
