using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

/// <summary>A learner on a tiny body and synthetic data, with its own temporary models and cache folders.</summary>
public sealed class LearnerFixture : IDisposable
{
    public LearnerFixture(int seed = 0, OptimizerKind optimizer = OptimizerKind.Sgd, int classes = 3, bool trainFrozenBatchNorm = false)
    {
        Folder = Directory.CreateTempSubdirectory("learner-test-").FullName;
        Data = new SyntheticLearnerData(classes: classes, seed: seed);
        Options = new LearnerOptions
        {
            Seed = seed, Optimizer = optimizer, TrainFrozenBatchNorm = trainFrozenBatchNorm,
            ModelsFolder = Path.Combine(Folder, "models"), ActivationCacheFolder = Path.Combine(Folder, "cache"),
        };
        TorchSharp.torch.manual_seed(seed);
        Learner = new Learner(new TinyBackbone(), Data, Options, Events);
    }

    public string Folder { get; }
    public SyntheticLearnerData Data { get; }
    public LearnerOptions Options { get; }
    public RecordingEventSink Events { get; } = new();
    public Learner Learner { get; }

    public void Dispose()
    {
        Learner.Dispose();
        Data.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
