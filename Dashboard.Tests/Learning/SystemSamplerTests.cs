using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Callbacks;

namespace Dashboard.Tests.Learning;

public class SystemSamplerTests
{
    private const int LoaderMilliseconds = 300; // well above a tiny step even with the cores busy (at 100 ms the wait was 48.7 % with one core busy)

    [Fact]
    public void A_loader_slower_than_the_model_shows_as_data_wait_and_caps_images_per_second()
    {
        var fast = SamplesOfOneEpoch(slowLoader: false);
        var slow = SamplesOfOneEpoch(slowLoader: true);

        Assert.NotEmpty(fast);
        Assert.All(fast.Concat(slow), s => Assert.True(s.ResidentBytes > 0 && s.CpuPercent >= 0 && s.DataWaitPercent is >= 0 and <= 100, s.ToString()));
        double slowWait = slow.Average(s => s.DataWaitPercent), fastWait = fast.Average(s => s.DataWaitPercent);
        Assert.True(slowWait > 50 && slowWait > fastWait, $"data wait: slow loader {slowWait:0.0} %, plain {fastWait:0.0} %");
        Assert.All(slow, s => Assert.InRange(s.ImagesPerSecond, 0.1, 8 * 1000.0 / LoaderMilliseconds)); // 8 images a batch, one batch per LoaderMilliseconds at best
    }

    [Fact]
    public void A_fit_shorter_than_the_interval_still_reports_one_sample_at_its_end()
    {
        using var fixture = new LearnerFixture();
        var events = new RecordingEventSink();
        using var learner = new Learner(new TinyBackbone(), fixture.Data, fixture.Options with { SystemSampleInterval = TimeSpan.FromHours(1) }, events);
        learner.Fit(new FitRequest([0.01], 1));

        var sample = Assert.Single(events.Events.OfType<SystemSampled>());
        Assert.True(sample.ImagesPerSecond > 0 && sample.ResidentBytes > 0, sample.ToString());
    }

    /// <summary>One epoch with a sample after every batch; the loader waits before each batch when <paramref name="slowLoader"/>.</summary>
    private static List<SystemSampled> SamplesOfOneEpoch(bool slowLoader)
    {
        using var fixture = new LearnerFixture();
        var events = new RecordingEventSink();
        var data = slowLoader ? new SlowTrainData(fixture.Data, TimeSpan.FromMilliseconds(LoaderMilliseconds)) : (ILearnerData)fixture.Data;
        using var learner = new Learner(new TinyBackbone(), data, fixture.Options, events);
        learner.AddCallback(new SystemSampler(TimeSpan.Zero));
        learner.Fit(new FitRequest([0.01], 1));
        return events.Events.OfType<SystemSampled>().ToList();
    }

    /// <summary>The synthetic data with a loader that takes <paramref name="delay"/> to produce each training batch.</summary>
    private sealed class SlowTrainData(SyntheticLearnerData data, TimeSpan delay) : ILearnerData
    {
        public IReadOnlyList<string> Classes => data.Classes;
        public string CacheKey => data.CacheKey;
        public int BatchSize => data.BatchSize;
        public IBatchSource Train(bool augment) => new SlowSource(data.Train(augment), delay);
        public IBatchSource TrainInOrder() => data.TrainInOrder();
        public IBatchSource Valid(int? augmentationSeed = null) => data.Valid(augmentationSeed);
        public string DescribeValidItem(int index) => data.DescribeValidItem(index);
    }

    private sealed class SlowSource(IBatchSource source, TimeSpan delay) : IBatchSource
    {
        public int ItemCount => source.ItemCount;
        public int BatchesPerEpoch => source.BatchesPerEpoch;

        public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
        {
            foreach (var batch in source.Epoch(epoch, cancellation))
            {
                Thread.Sleep(delay); // the loader's own work, which the sampler must see as waiting
                yield return batch;
            }
        }
    }
}
