using Dashboard.Training;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using TorchSharp;

namespace Dashboard.Tests.Learning;

/// <summary>The head trains on cached activations with <see cref="LearnerOptions.PrecomputedThreads"/>; full images keep the process setting.</summary>
public sealed class PrecomputedThreadsTests
{
    private const int ProcessThreads = 2;

    [Fact]
    public void Head_fits_and_sweeps_on_one_thread_and_the_setting_comes_back()
    {
        using var process = TorchThreads.Use(ProcessThreads);
        using var f = new LearnerFixture();
        var seen = new ThreadsAtBatchEnd();
        using var learner = new Learner(new TinyBackbone(), f.Data, f.Options, seen);

        learner.Fit(new FitRequest(0.01));
        learner.SetPrecompute(true);
        learner.Fit(new FitRequest(0.01));
        learner.LrFind(new LrFindOptions { MaxIterations = 3 });

        Assert.Equal([ProcessThreads, 1, 1], seen.ThreadsPerPhase);
        Assert.Equal(ProcessThreads, torch.get_num_threads());
    }

    [Fact]
    public void Use_restores_the_previous_count_and_null_changes_nothing()
    {
        using var process = TorchThreads.Use(ProcessThreads);
        using (TorchThreads.Use(1)) Assert.Equal(1, torch.get_num_threads());
        Assert.Equal(ProcessThreads, torch.get_num_threads());
        using (TorchThreads.Use(null)) Assert.Equal(ProcessThreads, torch.get_num_threads());
    }

    /// <summary>The intra-op thread count at the first batch of each fit or sweep.</summary>
    private sealed class ThreadsAtBatchEnd : ITrainingEventSink
    {
        public List<int> ThreadsPerPhase { get; } = [];

        public void Emit(TrainingEvent trainingEvent)
        {
            if (trainingEvent is BatchEnded { Iteration: 0 } or LrFindBatchEnded { Iteration: 0 })
                ThreadsPerPhase.Add(torch.get_num_threads());
        }
    }
}
