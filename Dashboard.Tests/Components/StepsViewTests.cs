using Dashboard.Components.Runs;
using Dashboard.Components.Runs.Progress;
using Dashboard.Runs;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Components;

public class StepsViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private long sequence;

    [Fact]
    public void The_lesson_plan_lists_every_step_with_the_mode_its_fits_train_in()
    {
        var plan = RunPlan.From(RecipeParser.Parse(Dashboard.Tests.Recipes.RecipeParserTests.LessonRecipe), layerGroups: 3);

        Assert.Equal(["precompute", "lrFind", "fit", "precompute", "fit", "save", "unfreeze", "fit", "tta", "interpretation"], plan.Select(s => s.Name));
        Assert.Equal([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8], plan.Select(s => s.Index));
        Assert.Equal([(TrainingMode.Precomputed, 0, 100)], plan[1].Work.Select(w => (w.Mode, w.Epochs, w.SweepIterations)));
        Assert.Equal([(TrainingMode.Precomputed, 1)], plan[2].Work.Select(w => (w.Mode, w.Epochs)));
        Assert.Equal([(TrainingMode.Frozen, 3)], plan[4].Work.Select(w => (w.Mode, w.Epochs)));
        Assert.Equal([(TrainingMode.Unfrozen, 7)], plan[7].Work.Select(w => (w.Mode, w.Epochs)));
        Assert.Equal([true, false, false, false, false, false, false, false, true, true], plan.Select(s => s.Untimed));
    }

    [Fact]
    public void The_whole_run_eta_counts_the_measured_mode_and_names_what_it_could_not_count()
    {
        var view = TwoFits();
        Apply(view, new RunStarted("resnet18", ["a", "b"], 128, 16, 32, "cpu"), new LayersFrozen(2, 3), At(new StepStarted(0, "fit"), 0));
        Apply(view, new FitStarted(0, 2, 4, [0.01], true, 2));
        for (int i = 0; i < 4; i++) Apply(view, At(new BatchEnded(0, i, 0, 0.01, 1), 0.5 * (i + 1)));
        Apply(view, At(new EpochEnded(0, 0, 1, 1, 0.5, 2.0), 2.0));

        var eta = view.Steps.Remaining(view.Progress);

        Assert.Equal(TimeSpan.FromSeconds(2), eta.Training); // 4 batches left at 0.5 s each; the frozen fit has no rate yet
        Assert.Equal(["frozen fits (no rate measured yet)", "interpretation"], eta.NotCounted);
        Assert.Equal("whole run: at least 0:02 left", RunEtaText.Whole(eta));
        Assert.Equal([StepState.Done, StepState.Current, StepState.Pending, StepState.Pending, StepState.Pending], view.Steps.Lines.Select(l => l.State));
    }

    [Fact]
    public void Steps_get_their_durations_and_a_stopped_run_shows_the_batch_and_step_it_stopped_at()
    {
        var view = TwoFits();
        Apply(view, At(new StepStarted(0, "fit"), 0), new FitStarted(0, 2, 4, [0.01], true, 2));
        Apply(view, At(new BatchEnded(0, 0, 0, 0.01, 1), 1), At(new StepStarted(1, "precompute"), 3), At(new StepStarted(2, "fit"), 4));
        Apply(view, new FitStarted(1, 1, 4, [0.01], false, 2));
        for (int i = 0; i < 3; i++) Apply(view, At(new BatchEnded(1, i, 1, 0.01, 1), 5 + i));
        Apply(view, At(new FitStopped(1, 3), 8), At(new RunEnded(RunStatus.Stopped, null), 8));

        var lines = view.Steps.Lines.Skip(1).ToList(); // after the initial precompute
        Assert.Equal([StepState.Done, StepState.Done, StepState.Ended, StepState.NotRun], lines.Select(l => l.State));
        Assert.Equal([3.0, 1.0, 4.0], lines.Take(3).Select(l => l.Duration!.Value.TotalSeconds));
        Assert.Null(lines[3].Duration);
        Assert.Equal((3, 4, true, "fit 2 stopped"), (view.Progress.Done, view.Progress.Total, view.Progress.EndedEarly, view.Progress.Phase));
        Assert.Equal(TimeSpan.Zero, view.Steps.Remaining(view.Progress).Training);
    }

    [Fact]
    public void Precompute_tta_and_interpretation_show_their_batches_as_the_phase()
    {
        var view = TwoFits();
        Apply(view, At(new PhaseProgressed("precompute", 0, 10), 0), At(new PhaseProgressed("precompute", 4, 10), 1));

        Assert.Equal(("precomputing activations", 4, 10), (view.Progress.Phase, view.Progress.Done, view.Progress.Total));
        Assert.Empty(view.Log); // progress is not a log line

        Apply(view, At(new PhaseProgressed("interpretation", 0, 6), 2));
        Assert.Equal(("final validation and interpretation", 0, 6), (view.Progress.Phase, view.Progress.Done, view.Progress.Total));
        Assert.Equal(PlannedStep.Interpretation, view.Steps.Lines.Single(l => l.State == StepState.Current).Step.Name);
    }

    /// <summary>Precompute, a precomputed fit of 2 epochs, precompute off, a frozen fit of 1 epoch.</summary>
    private static RunView TwoFits() => RunView.For(new RunSummary("r", "two fits", RunStatus.Running, """
        { "data": { "path": "demo", "size": 32, "batchSize": 32 }, "arch": "resnet18", "seed": 0, "precompute": true,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 2}}, {"precompute": false}, {"fit": {"lr": 0.01, "cycles": 1}} ] }
        """, T0, null, null, null, null, null));

    private static T At<T>(T e, double seconds) where T : TrainingEvent => e with { At = T0.AddSeconds(seconds) };

    private void Apply(RunView view, params TrainingEvent[] events)
    {
        foreach (var e in events) view.Apply(new RunEvent("r", ++sequence, e));
    }
}
