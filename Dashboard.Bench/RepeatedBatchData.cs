using Dashboard.Training.Learning;

namespace Dashboard.Bench;

/// <summary>
/// Learner data whose training epochs serve copies of one batch, decoded once up front: the learner's compute alone,
/// the ceiling the full pipeline is measured against. Validation goes to the wrapped data.
/// </summary>
internal sealed class RepeatedBatchData(ILearnerData inner, int batches) : ILearnerData, IDisposable
{
    private LabeledBatch? template;

    public IReadOnlyList<string> Classes => inner.Classes;
    public string CacheKey => inner.CacheKey;
    public int BatchSize => inner.BatchSize;

    public IBatchSource Train(bool augment)
    {
        template ??= inner.Train(augment).Epoch(0, CancellationToken.None).First();
        return new Copies(template, batches);
    }

    public IBatchSource TrainInOrder() => inner.TrainInOrder();
    public IBatchSource Valid(int? augmentationSeed = null) => inner.Valid(augmentationSeed);
    public string DescribeValidItem(int index) => inner.DescribeValidItem(index);

    public void Dispose() => template?.Dispose();

    private sealed class Copies(LabeledBatch template, int batches) : IBatchSource
    {
        public int ItemCount => batches * template.Count;
        public int BatchesPerEpoch => batches;

        public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
        {
            for (var i = 0; i < batches; i++) yield return new LabeledBatch(template.Inputs.clone(), template.Targets.clone());
        }
    }
}
