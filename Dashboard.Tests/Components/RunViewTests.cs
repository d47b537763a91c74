using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Components;

public class RunViewTests
{
    private long sequence;

    [Fact]
    public void Each_fits_schedule_starts_where_the_batches_before_it_ended()
    {
        var view = new RunView([]);
        Apply(view, new ScheduleComputed(0, [[0.01, 0.005]], []), new BatchEnded(0, 0, 0, 0.01, 2), new BatchEnded(0, 1, 0, 0.005, 1.9));
        Apply(view, new ScheduleComputed(1, [[1e-4, 5e-5], [1e-3, 5e-4], [1e-2, 5e-3]], []), new BatchEnded(1, 0, 1, 1e-2, 1.5));

        var traces = view.Schedule.Traces;
        Assert.Equal(["fit 1", "fit 2 · group 1", "fit 2 · group 2", "fit 2 · group 3", "now"], traces.Select(t => t.Name));
        Assert.Equal([2.0, 3.0], traces[1].X);
        Assert.Equal((2.0, 1e-2), (view.Schedule.Marker.X[^1], view.Schedule.Marker.Y[^1]));
        Assert.Equal([0.0, 1.0, 2.0], view.TrainLoss.X);
    }

    [Fact]
    public void The_precision_the_learner_chose_is_kept_for_the_header()
    {
        var view = new RunView([]);
        Assert.Null(view.Precision);
        Apply(view, new PrecisionChosen("auto", "bf16", null));
        Assert.Equal("bf16", view.Precision?.Used);
    }

    [Fact]
    public void The_best_epoch_of_each_fit_is_the_latest_one_saved_and_its_checkpoint_is_listed_once()
    {
        var view = new RunView([]);
        Apply(view, new BestEpochSaved(0, 0, "best", "accuracy", 0.9, 0.6, "/m/best.ckpt"), new BestEpochSaved(0, 2, "best", "accuracy", 0.7, 0.8, "/m/best.ckpt"));
        Apply(view, new BestEpochSaved(1, 4, "low", "validLoss", 0.5, 0.7, "/m/low.ckpt"));

        Assert.Equal([(0, 2), (1, 4)], view.BestEpochs.Select(b => (b.FitIndex, b.Epoch)));
        Assert.Equal(["best", "low"], view.Checkpoints.Select(c => c.Name).Distinct());
        Assert.StartsWith("Fit 1: epoch 3 is the best so far by accuracy", view.Log.Skip(1).First().Text);
    }

    [Fact]
    public void A_second_lr_find_sweep_replaces_the_first_curve()
    {
        var view = new RunView([3, 2]);
        Apply(view, new LrFindBatchEnded(0, 1e-6, 2.3, 2.3), new LrFindBatchEnded(1, 1e-3, 2.1, 2.2), new LrFindBatchEnded(2, 1, 9, 4));
        Apply(view, new LrFindCompleted([1e-6, 1e-3, 1], [2.3, 2.1, 9], [2.3, 2.2, 4], [new("valley", 1e-3, 2.2), new("minimum", 1e-4, 2.2)], "valley"));
        Assert.Equal(1e-3, view.LrFind.Suggestion);
        Assert.Equal(4, view.LrFind.Traces.Count);

        Apply(view, new LrFindBatchEnded(0, 1e-6, 2.0, 2.0));

        Assert.Null(view.LrFind.Suggestion);
        Assert.Empty(view.LrFind.Suggestions);
        Assert.Equal(2, view.LrFind.Traces.Count);
        Assert.Single(view.LrFind.Raw.X);
        Assert.Equal(2, view.Progress.Total);
    }

    [Fact]
    public void Each_suggestion_gets_a_labelled_vertical_line_and_the_chosen_one_is_solid_and_wider()
    {
        var view = new RunView([]);
        LrSuggestion[] suggestions = [new("valley", 1e-3, 2.2), new("slide", 3e-3, 2.1), new("minimum", 1e-2, 2.0), new("steep", 2e-4, 2.25)];

        Apply(view, new LrFindCompleted([1e-5, 1e-4, 1e-3, 1e-2, 0.1], [2.3, 2.25, 2.2, 2.0, 5], [2.3, 2.27, 2.24, 2.1, 3], suggestions, "slide"));

        var lines = view.LrFind.Traces.Skip(2).ToArray();
        Assert.Equal(["valley: 1e-3", "slide (chosen): 3e-3", "minimum: 1e-2", "steep: 2e-4"], lines.Select(l => l.Name));
        Assert.All(lines.Zip(suggestions), p => Assert.Equal([p.Second.LearningRate, p.Second.LearningRate], p.First.X));
        Assert.All(lines, l => Assert.True(l.Y[0] < l.Y[1], "each line spans the visible loss range"));
        var chosen = lines[1];
        Assert.Null(chosen.Dash);
        Assert.All(lines.Where(l => l != chosen), l => Assert.True(l.Dash == "dot" && l.Width < chosen.Width));
        Assert.Equal(3e-3, view.LrFind.Suggestion);
        Assert.Equal("lr_find done: suggestions valley 1e-3, slide 3e-3 (chosen), minimum 1e-2, steep 2e-4", view.Log.First().Text);
    }

    [Fact]
    public void When_the_chosen_method_gave_no_suggestion_the_others_are_drawn_and_none_is_offered()
    {
        var view = new RunView([]);

        Apply(view, new LrFindCompleted([1e-5, 1e-3], [2.3, 2.0], [2.3, 2.1], [new("valley", 1e-3, 2.1)], "slide"));

        Assert.Null(view.LrFind.Suggestion);
        Assert.Equal(["valley: 1e-3"], view.LrFind.Traces.Skip(2).Select(t => t.Name));
    }

    [Fact]
    public void A_finder_stored_before_suggestions_existed_shows_its_curve_and_offers_nothing()
    {
        var view = new RunView([]);
        var stored = EventJson.Deserialize("""
            {"type":"lrFindCompleted","learningRates":[1e-5,1e-3],"losses":[2.3,2.0],"smoothedLosses":[2.3,2.1],
             "suggestion":0.001,"minLossLearningRateOverTen":0.0001,"at":"2024-01-01T00:00:00+00:00"}
            """);

        Apply(view, stored);

        Assert.Equal(2, view.LrFind.Smoothed.Count);
        Assert.Empty(view.LrFind.Suggestions);
        Assert.Null(view.LrFind.Suggestion);
        Assert.Contains("no suggestion", view.Log.First().Text);
    }

    [Fact]
    public void Layer_groups_come_from_the_runs_freezing_and_else_from_the_recipe()
    {
        var fromRecipe = new RunView([], recipeLayerGroups: 3);
        Assert.Equal(3, fromRecipe.LayerGroups);

        Apply(fromRecipe, new LayersFrozen(3, 4));

        Assert.Equal(4, fromRecipe.LayerGroups);
        Assert.Null(new RunView([]).LayerGroups);
    }

    [Fact]
    public void Losses_that_are_not_finite_are_left_out_of_the_curves()
    {
        var view = new RunView([]);
        Apply(view, new LrFindBatchEnded(0, 1e-6, 2.3, 2.3), new LrFindBatchEnded(1, 10, double.PositiveInfinity, double.NaN));

        Assert.Single(view.LrFind.Raw.Y);
        Assert.Single(view.LrFind.Smoothed.Y);
    }

    [Fact]
    public void Sequences_already_applied_are_skipped()
    {
        var view = new RunView([]);
        var first = new RunEvent("r", 1, new BatchEnded(0, 0, 0, 0.01, 2));

        Assert.True(view.Apply(first));
        Assert.False(view.Apply(first));
        Assert.Single(view.TrainLoss.X);
    }

    [Fact]
    public void Progress_estimates_the_time_left_from_the_batch_rate()
    {
        var view = new RunView([]);
        var start = DateTimeOffset.UnixEpoch;
        Apply(view, new FitStarted(0, 1, 10, [0.01], false, 2));
        for (int i = 0; i < 5; i++) Apply(view, new BatchEnded(0, i, 0, 0.01, 1) { At = start.AddSeconds(i) });

        Assert.Equal(50, view.Progress.Percent);
        Assert.Equal(TimeSpan.FromSeconds(5), view.Progress.Eta);
    }

    [Fact]
    public void The_log_keeps_the_last_events_without_single_batches_newest_first()
    {
        var view = new RunView([]);
        Apply(view, new FitStarted(0, 1, 10, [0.01], false, 2), new BatchEnded(0, 0, 0, 0.01, 1), new EpochEnded(0, 0, 1, 0.9, 0.5, 2));
        for (int i = 0; i < RunView.LogCapacity; i++) Apply(view, new Saved($"s{i}", "p"));

        Assert.Equal(RunView.LogCapacity, view.Log.Count());
        Assert.Equal($"Saved checkpoint 's{RunView.LogCapacity - 1}'", view.Log.First().Text);
        Assert.DoesNotContain(view.Log, line => line.Text.Contains("batch 1"));
    }

    [Fact]
    public void A_resumed_history_draws_each_batch_once_with_stop_and_resume_markers_and_logs_both()
    {
        var start = DateTimeOffset.UnixEpoch;
        var run = new RunSummary("r", "run", RunStatus.Running, "{}", start, null, null, null, null, null);
        RunEvent[] stored =
        [
            new("r", 1, new FitStarted(0, 2, 2, [0.01], false, 2) { At = start }),
            new("r", 2, new BatchEnded(0, 0, 0, 0.01, 2.0) { At = start.AddSeconds(1) }),
            new("r", 3, new BatchEnded(0, 1, 0, 0.01, 1.8) { At = start.AddSeconds(2) }),
            new("r", 4, new EpochEnded(0, 0, 1.9, 1.7, 0.5, 2) { At = start.AddSeconds(3) }),
            new("r", 5, new BatchEnded(0, 2, 1, 0.01, 1.6) { At = start.AddSeconds(4) }), // superseded: done again after the resume
            new("r", 6, new RunEnded(RunStatus.Stopped, null) { At = start.AddSeconds(5) }),
            new("r", 7, new RunResumed(1, 4) { At = start.AddSeconds(60) }),
            new("r", 8, new BatchEnded(0, 2, 1, 0.01, 1.5) { At = start.AddSeconds(61) }),
        ];

        var view = RunView.From(run, stored);

        Assert.Equal([0.0, 1.0, 2.0], view.TrainLoss.X);
        Assert.Equal([2.0, 1.8, 1.5], view.TrainLoss.Y);
        Assert.Equal((1.0, 1.8), (view.Stops.X.Single(), view.Stops.Y.Single())); // both at the resume point, where the curve goes on
        Assert.Equal((1.0, 1.8), (view.Resumes.X.Single(), view.Resumes.Y.Single()));
        Assert.Equal(["Resumed after epoch 1", "Run stopped"], view.Log.Take(2).Select(l => l.Text));
        Assert.Equal((5 + 1, 2), (view.ActiveTime.Seconds, view.ActiveTime.Parts));
        Assert.Equal(8, view.LastSequence);
    }

    private void Apply(RunView view, params TrainingEvent[] events)
    {
        foreach (var e in events) view.Apply(new RunEvent("r", ++sequence, e));
    }
}
