using Dashboard.Training.Learning;

namespace Dashboard.Bench.Efficiency;

/// <summary>
/// Learner data for one side of the efficiency measurement: before each training batch is taken from the wrapped data
/// the fit waits for its turn (so a loader that has to catch up does it inside the side's timed turn), and the moment a
/// turn opens is marked on the side's <see cref="BatchClock"/> (a turn's time runs from there); the
/// learner's one epoch runs the wrapped data's epochs 0, 1, 2… back to back until the baton stops the fit. Each new epoch
/// starts its loader as a real fit's epoch does. Validation goes to the wrapped data.
/// </summary>
internal sealed class TurnTakingData(ILearnerData inner, TurnBaton baton, FitSide side, BatchClock clock, int scheduledBatches) : ILearnerData
{
    public IReadOnlyList<string> Classes => inner.Classes;
    public string CacheKey => inner.CacheKey;
    public int BatchSize => inner.BatchSize;

    public IBatchSource Train(bool augment) => new Turns(inner.Train(augment), baton, side, clock, scheduledBatches);
    public IBatchSource TrainInOrder() => inner.TrainInOrder();
    public IBatchSource Valid(int? augmentationSeed = null) => inner.Valid(augmentationSeed);
    public string DescribeValidItem(int index) => inner.DescribeValidItem(index);

    private sealed class Turns(IBatchSource inner, TurnBaton baton, FitSide side, BatchClock clock, int scheduledBatches) : IBatchSource
    {
        public int ItemCount => scheduledBatches * inner.ItemCount / inner.BatchesPerEpoch;
        public int BatchesPerEpoch => scheduledBatches;

        public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
        {
            using var batches = EpochsBackToBack(cancellation).GetEnumerator();
            while (true)
            {
                if (baton.TakeTurn(side)) clock.MarkTurnStart();
                batches.MoveNext();
                yield return batches.Current;
            }
        }

        private IEnumerable<LabeledBatch> EpochsBackToBack(CancellationToken cancellation)
        {
            for (var epoch = 0; ; epoch++)
            {
                var any = false;
                foreach (var batch in inner.Epoch(epoch, cancellation))
                {
                    any = true;
                    yield return batch;
                }
                if (!any) throw new InvalidOperationException($"The {side} fit's training data has no batches.");
            }
        }
    }
}
