using System.Diagnostics;
using Dashboard.Training.Learning;

namespace Dashboard.Bench;

/// <summary>
/// Learner data that passes everything through and records, for each training batch, how long the training thread
/// waited for it: near zero when the loader's background prefetch keeps ahead of the model.
/// </summary>
internal sealed class WaitTimingData(ILearnerData inner) : ILearnerData
{
    private readonly List<double> waits = [];

    /// <summary>Seconds waited for each training batch, in order, across epochs.</summary>
    public IReadOnlyList<double> Waits => waits;

    public IReadOnlyList<string> Classes => inner.Classes;
    public string CacheKey => inner.CacheKey;
    public int BatchSize => inner.BatchSize;

    public IBatchSource Train(bool augment) => new TimedSource(inner.Train(augment), waits);
    public IBatchSource TrainInOrder() => inner.TrainInOrder();
    public IBatchSource Valid(int? augmentationSeed = null) => inner.Valid(augmentationSeed);
    public string DescribeValidItem(int index) => inner.DescribeValidItem(index);

    private sealed class TimedSource(IBatchSource inner, List<double> waits) : IBatchSource
    {
        public int ItemCount => inner.ItemCount;
        public int BatchesPerEpoch => inner.BatchesPerEpoch;

        public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
        {
            using var batches = inner.Epoch(epoch, cancellation).GetEnumerator();
            while (true)
            {
                var clock = Stopwatch.StartNew();
                if (!batches.MoveNext()) yield break;
                waits.Add(clock.Elapsed.TotalSeconds);
                yield return batches.Current;
            }
        }
    }
}
