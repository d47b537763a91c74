using Dashboard.Tests.Data;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Learning;

/// <summary>
/// A file that passes the dataset scan but fails when training reads it is left out and reported once, by path; a resize
/// cache that cannot write says so once, and training goes on. Real files, a real loader and learner.
/// </summary>
public sealed class LoaderProblemTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (Learner Learner, RecordingEventSink Events) LearnerOn(string root, ResizeCache? cache = null)
    {
        var data = new LoaderLearnerData(DatasetLocator.Open(root), new RecipeData(root, Size: 16, BatchSize: 4), seed: 0, resizeCache: cache);
        var events = new RecordingEventSink();
        var options = new LearnerOptions { ModelsFolder = temp.File("models"), ActivationCacheFolder = temp.File("cache") };
        return (new Learner(new TinyBackbone(), data, options, events), events);
    }

    [Fact]
    public void A_file_cut_short_after_its_header_is_left_out_and_reported_once_by_path()
    {
        var root = ImageFolders.Create(temp, ["a", "b"], trainPerClass: 4, validPerClass: 2);
        var whole = File.ReadAllBytes(TestImages.NoiseJpeg(temp.File("whole.jpg"), 64, 48, seed: 3));
        var cut = Path.Combine(root, "train", "a", "cut.jpg");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]); // the header is whole: the scan keeps it
        var (learner, events) = LearnerOn(root);
        using var owned = learner;

        learner.Fit(new FitRequest(0.01, cycles: 2, cycleLength: 1));

        var skipped = Assert.Single(events.Events.OfType<ImagesSkipped>());
        var file = Assert.Single(skipped.Files);
        Assert.Equal(cut, file.Path);
        Assert.Contains("truncated", file.Reason);
        Assert.Equal(2, events.Events.OfType<EpochEnded>().Count()); // training went on
    }

    [Fact]
    public void A_resize_cache_that_cannot_write_is_reported_once_and_training_goes_on()
    {
        var root = temp.Folder("photos");
        foreach (var (label, index) in new[] { ("a", 0), ("a", 1), ("b", 2), ("b", 3) })
            foreach (var part in new[] { "train", "valid" })
                TestImages.NoiseJpeg(temp.File("photos", part, label, $"{index}.jpg"), 80, 60, seed: index); // 60 ≥ 2 × 18 px
        var occupied = temp.File("occupied");
        File.WriteAllText(occupied, "a file where the cache's folder would go");
        var (learner, events) = LearnerOn(root, new ResizeCache(new ResizeCacheOptions { Folder = occupied }));
        using var owned = learner;

        learner.Fit(new FitRequest(0.01, cycles: 2, cycleLength: 1));

        var stopped = Assert.Single(events.Events.OfType<ResizeCacheStopped>());
        Assert.Contains(occupied, stopped.Reason);
        Assert.Equal(2, events.Events.OfType<EpochEnded>().Count());
        Assert.Empty(events.Events.OfType<ImagesSkipped>());
    }
}
