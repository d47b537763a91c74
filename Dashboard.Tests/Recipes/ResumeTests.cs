using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Recipes;

public class ResumeTests
{
    private const string Recipe = """
        { "data": { "path": "synthetic" }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"fit": {"lr": 0.02, "cycles": 1}}, {"unfreeze": true}, {"fit": {"lr": [0.001, 0.005, 0.01], "cycles": 2, "cycleLen": 1, "cycleMult": 2}}, {"tta": true} ] }
        """;

    [Fact]
    public void An_interrupted_recipe_resumes_from_its_last_epoch_to_the_same_number_of_epochs()
    {
        using var setup = new SyntheticRecipeSetup();
        using var stop = new CancellationTokenSource();
        var first = new StopAfterEpochs(stop, epochs: 2);

        Assert.ThrowsAny<OperationCanceledException>(() => setup.Run(Recipe, first, stop.Token, setup.Resume));
        var record = setup.Resume.TryRead()!;
        Assert.Equal((2, 1), (record.StepIndex, record.EpochInStep));

        var second = new RecordingEventSink();
        var result = setup.Run(Recipe, second, default, setup.Resume);

        Assert.Equal(Enumerable.Range(0, 4), result.Epochs.Select(e => e.Epoch));
        Assert.Equal(new[] { 0, 1, 1, 1 }, result.Epochs.Select(e => e.Fit));
        Assert.Equal(new[] { 2, 3 }, second.Events.OfType<EpochEnded>().Select(e => e.Epoch));
        Assert.All(second.Events.OfType<EpochEnded>(), e => Assert.Equal(1, e.FitIndex));
        Assert.Empty(second.Events.OfType<FitStarted>());
        Assert.NotNull(result.Final.TtaAccuracy);
        AssertTheScheduleContinues(first.Events, second.Events.OfType<BatchEnded>().ToList());
    }

    /// <summary>The resumed fit (fit 1, resumed after its first epoch) goes on at its next iteration and rate, not at its first.</summary>
    private static void AssertTheScheduleContinues(IReadOnlyList<TrainingEvent> before, IReadOnlyList<BatchEnded> resumed)
    {
        int batchesPerEpoch = before.OfType<FitStarted>().Single(f => f.FitIndex == 1).BatchesPerEpoch;
        var planned = before.OfType<ScheduleComputed>().Single(s => s.FitIndex == 1).LearningRatesPerGroup[^1];
        Assert.Equal(Enumerable.Range(batchesPerEpoch, resumed.Count), resumed.Select(b => b.Iteration));
        Assert.Equal(planned.Skip(batchesPerEpoch), resumed.Select(b => b.LearningRate));
    }

    [Theory]
    [InlineData(1, 1)] // stopped at the end of the frozen fit: the unfrozen one starts afresh
    [InlineData(2, 0)] // stopped inside the unfrozen fit: it continues, its start not repeated
    public void An_interrupted_fine_tune_resumes_in_the_fit_where_it_stopped(int stopAfterEpochs, int fitsStartedOnResume)
    {
        const string fineTune = """
            { "data": { "path": "synthetic" }, "arch": "resnet18", "seed": 0,
              "steps": [ {"fineTune": {"epochs": 3, "baseLr": 0.01, "freezeEpochs": 1}} ] }
            """;
        using var setup = new SyntheticRecipeSetup();
        using var stop = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => setup.Run(fineTune, new StopAfterEpochs(stop, stopAfterEpochs), stop.Token, setup.Resume));
        var second = new RecordingEventSink();
        var result = setup.Run(fineTune, second, default, setup.Resume);

        Assert.Equal([0, 1, 2, 3], result.Epochs.Select(e => e.Epoch));
        Assert.Equal([0, 1, 1, 1], result.Epochs.Select(e => e.Fit));
        Assert.Equal(fitsStartedOnResume, second.Events.OfType<FitStarted>().Count());
        Assert.All(second.Events.OfType<EpochEnded>(), e => Assert.Equal(1, e.FitIndex));
        Assert.All(second.Events.OfType<FitStarted>(), f => Assert.Equal(0, f.FrozenGroups));
    }

    [Fact]
    public void A_run_stopped_before_its_first_epoch_ended_has_no_resume_point_and_starts_over()
    {
        using var setup = new SyntheticRecipeSetup();
        using var stop = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => setup.Run(Recipe, new StopAtFirstBatch(stop), stop.Token, setup.Resume));
        Assert.Null(setup.Resume.TryRead());
        var second = new RecordingEventSink();
        var result = setup.Run(Recipe, second, default, setup.Resume);

        Assert.Equal(Enumerable.Range(0, 4), result.Epochs.Select(e => e.Epoch));
        Assert.Equal([0, 1], second.Events.OfType<FitStarted>().Select(f => f.FitIndex));
    }

    private sealed class StopAtFirstBatch(CancellationTokenSource stop) : ITrainingEventSink
    {
        public void Emit(TrainingEvent e)
        {
            if (e is BatchEnded) stop.Cancel();
        }
    }

    private sealed class StopAfterEpochs(CancellationTokenSource stop, int epochs) : ITrainingEventSink
    {
        private int seen;
        public List<TrainingEvent> Events { get; } = [];

        public void Emit(TrainingEvent e)
        {
            Events.Add(e);
            if (e is EpochEnded && ++seen == epochs) stop.Cancel();
        }
    }
}
