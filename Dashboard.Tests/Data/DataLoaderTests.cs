using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using TorchSharp;

namespace Dashboard.Tests.Data;

public sealed class DataLoaderTests : IDisposable
{
    private const int Size = 8;
    private readonly TempFolder temp = new();
    private readonly DataBunch data;

    public DataLoaderTests()
    {
        ImageFolders.Create(temp, ["a", "b", "c"], trainPerClass: 4, validPerClass: 1);
        data = FolderDataset.Load(temp.Path);
    }

    public void Dispose() => temp.Dispose();

    private DataLoader Loader(int batchSize = 5, bool shuffle = true, int seed = 1, bool dropLast = false, AugmentationOptions? augmentation = null) =>
        new(data.Train, new LoaderOptions
        {
            Size = Size, BatchSize = batchSize, Shuffle = shuffle, Seed = seed, DropLast = dropLast,
            Augmentation = augmentation ?? AugmentationOptions.None(), DecodeThreads = 2, Prefetch = 1,
        });

    [Fact]
    public void Batches_have_nchw_float_images_in_0_1_and_int64_labels_matching_the_pixels()
    {
        foreach (var batch in Loader().Epoch(0))
        {
            using (batch)
            {
                Assert.Equal([batch.Count, 3, Size, Size], batch.Images.shape);
                Assert.Equal(torch.float32, batch.Images.dtype);
                Assert.Equal(torch.int64, batch.Labels.dtype);
                var labels = batch.Labels.data<long>().ToArray();
                for (var i = 0; i < batch.Count; i++)
                {
                    var colour = ImageFolders.ColourOf((int)labels[i]);
                    var pixel = batch.Images[i, .., 4, 4].data<float>().ToArray();
                    Assert.Equal([colour.R / 255f, colour.G / 255f, colour.B / 255f], pixel, (a, b) => Math.Abs(a - b) < 0.01);
                    Assert.Equal(batch.Items[i].Label, labels[i]);
                }
            }
        }
    }

    [Fact]
    public void Last_partial_batch_is_kept_unless_dropped()
    {
        Assert.Equal([5, 5, 2], Sizes(Loader(batchSize: 5)));
        Assert.Equal(3, Loader(batchSize: 5).BatchesPerEpoch);
        Assert.Equal([5, 5], Sizes(Loader(batchSize: 5, dropLast: true)));
        Assert.Equal(2, Loader(batchSize: 5, dropLast: true).BatchesPerEpoch);
    }

    private static List<int> Sizes(DataLoader loader) => loader.Epoch(0).Select(batch => { using (batch) return batch.Count; }).ToList();

    [Fact]
    public void Shuffle_is_determined_by_seed_and_epoch_and_covers_every_item()
    {
        Assert.Equal(Order(Loader(seed: 3), 0), Order(Loader(seed: 3), 0));
        Assert.NotEqual(Order(Loader(seed: 3), 0), Order(Loader(seed: 3), 1));
        Assert.NotEqual(Order(Loader(seed: 3), 0), Order(Loader(seed: 4), 0));
        Assert.Equal(data.Train.Select(item => item.Name).Order(), Order(Loader(seed: 3), 0).Order());
        Assert.Equal(data.Train.Select(item => item.Name), Order(Loader(shuffle: false), 5));
    }

    private static List<string> Order(DataLoader loader, int epoch) =>
        loader.Epoch(epoch).SelectMany(batch => { using (batch) return batch.Items.Select(item => item.Name).ToList(); }).ToList();

    [Fact]
    public void Augmented_epochs_are_reproducible()
    {
        var loader = Loader(augmentation: AugmentationOptions.TopDown(), seed: 9);
        Assert.Equal(Pixels(loader, 2), Pixels(loader, 2));
    }

    private static float[] Pixels(DataLoader loader, int epoch)
    {
        using var scope = torch.NewDisposeScope();
        return torch.cat(loader.Epoch(epoch).Select(batch => batch.Images).ToList(), 0).data<float>().ToArray();
    }

    [Fact]
    public void Cancellation_stops_the_epoch()
    {
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in Loader(batchSize: 1).Epoch(0, cancel.Token))
            {
                using (batch) seen++;
                cancel.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public void Stopping_early_and_starting_again_works()
    {
        var loader = Loader(batchSize: 2);
        using (var first = loader.Epoch(0).First()) Assert.Equal(2, first.Count);
        Assert.Equal(6, loader.Epoch(1).Count(batch => { batch.Dispose(); return true; }));
    }

    [Fact]
    public void Image_corrupted_after_the_scan_is_left_out_and_recorded()
    {
        var victim = data.Train[2].Name;
        TestImages.CorruptPng(victim);
        var loader = Loader(shuffle: false);
        Assert.Equal([4, 5, 2], Sizes(loader));
        Assert.Equal(victim, Assert.Single(loader.LoadFailures).Path);
    }

    [Fact]
    public void A_dataset_deleted_during_an_epoch_fails_it_with_a_dataset_error_naming_the_file()
    {
        var loader = Loader(batchSize: 2, shuffle: false); // six batches: more than the loader has prefetched
        using var batches = loader.Epoch(0).GetEnumerator();
        Assert.True(batches.MoveNext());
        batches.Current.Dispose();

        Directory.Delete(temp.Path, recursive: true);
        var error = Assert.Throws<DatasetException>(() =>
        {
            while (batches.MoveNext()) batches.Current.Dispose();
        });

        Assert.Contains("moved or deleted during the run", error.Message);
        Assert.StartsWith(temp.Path, error.Path);
    }

    [Fact]
    public void Item_tensors_give_k_augmented_copies_for_tta()
    {
        using var batch = ItemTensors.Augmented(data.Train[0], 16, AugmentationOptions.SideOn(), copies: 4, seed: 2);
        Assert.Equal([4, 3, 16, 16], batch.Images.shape);
        Assert.Equal(Enumerable.Repeat((long)data.Train[0].Label, 4), batch.Labels.data<long>().ToArray());
        using var plain = ItemTensors.Plain(data.Train[0], 16);
        Assert.Equal([1, 3, 16, 16], plain.Images.shape);
    }
}
