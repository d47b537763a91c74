using Dashboard.Tests.Learning;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Recipes;

/// <summary>
/// An allocation libtorch's real allocator refuses (4 PB, more than any address space) in the middle of a fit: the run
/// fails with a message saying where and what to change, and what came before (saved weights, the epoch resume point,
/// the events) is kept.
/// </summary>
public sealed class OutOfMemoryTests : IDisposable
{
    private const string Recipe = """
        { "data": { "path": "demo", "size": 16, "batchSize": 8 }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 1}}, {"save": "before"}, {"fit": {"lr": 0.01, "cycles": 2}} ] }
        """;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("oom-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Out_of_memory_mid_fit_fails_the_run_clearly_and_keeps_what_came_before()
    {
        var events = new RecordingEventSink();
        var resume = new ResumeStore(Path.Combine(folder.FullName, "run"));
        int batchesPerEpoch;
        TrainingOutOfMemoryException error;
        using (var data = new SyntheticLearnerData())
        {
            batchesPerEpoch = data.Train(true).BatchesPerEpoch;
            var environment = new RecipeEnvironment((_, _) => data, (_, _) => new HungryBackbone(trainingForwards: batchesPerEpoch + 2),
                new LearnerOptions { ModelsFolder = Path.Combine(folder.FullName, "models"), ActivationCacheFolder = Path.Combine(folder.FullName, "cache") }, CPU);

            error = Assert.Throws<TrainingOutOfMemoryException>(() => new RecipeRunner(environment).Run(RecipeParser.Parse(Recipe), events, resume: resume));
        }

        Assert.StartsWith("Out of memory in step 3 (fit) (batch size 8, 16 px): ", error.Message);
        Assert.Contains("allocate", error.Message);
        Assert.Contains("Lower the batch size", error.Message);
        Assert.Equal([0], events.Events.OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.Equal(0, resume.TryRead()!.Epochs.Last().Epoch);
        var saved = Path.Combine(folder.FullName, "models", "before" + Checkpoints.Extension);
        using (var data = new SyntheticLearnerData())
        using (var learner = new Learner(new HungryBackbone(int.MaxValue), data, new LearnerOptions { ModelsFolder = Path.GetDirectoryName(saved)! }, new RecordingEventSink()))
            learner.Load("before");
    }

    /// <summary>The tiny body, asking for 4 PB on its n-th training forward (1-based).</summary>
    private sealed class HungryBackbone : Backbone
    {
        private const long ImpossibleFloats = 1L << 50;
        private readonly TinyBackbone inner = new();
        private readonly int failingForward;
        private int forwards;

        public HungryBackbone(int trainingForwards) : base(nameof(HungryBackbone))
        {
            failingForward = trainingForwards;
            RegisterComponents();
        }

        public override string Architecture => inner.Architecture;
        public override int FeatureChannels => inner.FeatureChannels;
        public override IReadOnlyList<nn.Module> LayerGroups => inner.LayerGroups;

        public override Tensor ForwardGroup(int group, Tensor input)
        {
            if (group == 0 && training && ++forwards == failingForward)
                using (empty(ImpossibleFloats)) { }
            return inner.ForwardGroup(group, input);
        }
    }
}
