using Dashboard.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>
/// Learnable in-memory images: class c is brighter in channel c % 3 with a class-specific stripe. Augmentation is a
/// horizontal flip plus noise chosen by seed. Real tensors; no files, so learner tests stay fast.
/// </summary>
public sealed class SyntheticLearnerData : ILearnerData, IDisposable
{
    private readonly Tensor trainImages, trainTargets, validImages, validTargets;

    public SyntheticLearnerData(int classes = 3, int trainPerClass = 16, int validPerClass = 6, int size = 16, int batchSize = 8, int seed = 0)
    {
        Classes = Enumerable.Range(0, classes).Select(c => $"class{c}").ToArray();
        BatchSize = batchSize;
        ImageSize = size;
        var generator = new torch.Generator((ulong)seed + 1);
        (trainImages, trainTargets) = Make(classes, trainPerClass, size, generator);
        (validImages, validTargets) = Make(classes, validPerClass, size, generator);
        CacheKey = $"synthetic:{classes}:{trainPerClass}:{validPerClass}:{size}:{seed}";
    }

    public IReadOnlyList<string> Classes { get; }
    public string CacheKey { get; }
    public int BatchSize { get; }
    public int? ImageSize { get; }
    public int TrainAugmentedEpochs { get; private set; }

    public IBatchSource Train(bool augment) => augment
        ? new AugmentingSource(trainImages, trainTargets, BatchSize, shuffle: true, seed: 7, this)
        : new TensorBatchSource(trainImages, trainTargets, BatchSize, shuffle: true, 7);

    public IBatchSource TrainInOrder() => new TensorBatchSource(trainImages, trainTargets, BatchSize, false, 0);

    public IBatchSource Valid(int? augmentationSeed = null) => augmentationSeed is int seed
        ? new AugmentingSource(validImages, validTargets, BatchSize, shuffle: false, seed, null)
        : new TensorBatchSource(validImages, validTargets, BatchSize, false, 0);

    public string DescribeValidItem(int index) => $"synthetic:{index}";

    private static (Tensor, Tensor) Make(int classes, int perClass, int size, torch.Generator generator)
    {
        var targets = arange(classes).repeat_interleave(perClass);
        var images = rand([classes * perClass, 3, size, size], generator: generator) * 0.3;
        for (int i = 0; i < targets.shape[0]; i++)
        {
            int c = (int)targets[i].item<long>();
            images[i, c % 3].add_(0.5);
            images[i, .., c * 2 % size].add_(0.4);
        }
        return (images, targets);
    }

    private sealed class AugmentingSource(Tensor images, Tensor targets, int batchSize, bool shuffle, int seed, SyntheticLearnerData? counter) : IBatchSource
    {
        private readonly TensorBatchSource plain = new(images, targets, batchSize, shuffle, seed);
        public int ItemCount => plain.ItemCount;
        public int BatchesPerEpoch => plain.BatchesPerEpoch;

        public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
        {
            if (counter != null) counter.TrainAugmentedEpochs++;
            var generator = new torch.Generator((ulong)(seed * 7919 + epoch + 1));
            foreach (var batch in plain.Epoch(epoch, cancellation))
            {
                using var owned = batch;
                yield return new LabeledBatch(Augment(owned.Inputs, epoch, generator), owned.Targets.clone());
            }
        }

        private Tensor Augment(Tensor images, int epoch, torch.Generator generator)
        {
            using var scope = torch.NewDisposeScope();
            var flipped = (seed + epoch) % 2 == 0 ? images.flip(3) : images;
            return (flipped + rand(flipped.shape, generator: generator) * 0.05).MoveToOuterDisposeScope();
        }
    }

    public void Dispose()
    {
        trainImages.Dispose();
        trainTargets.Dispose();
        validImages.Dispose();
        validTargets.Dispose();
    }
}
