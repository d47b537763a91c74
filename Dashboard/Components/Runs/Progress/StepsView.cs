using Dashboard.Training.Events;

namespace Dashboard.Components.Runs.Progress;

public enum StepState { Pending, Current, Done, Ended, NotRun }

/// <summary>A step as listed: its state, and how long it took (or has taken so far).</summary>
public sealed record StepLine(PlannedStep Step, StepState State, TimeSpan? Duration);

/// <summary>
/// The recipe's steps with the one the trainer is on (from <see cref="StepStarted"/>), each step's duration, and the
/// training left in the whole run, in time, from this run's measured rates per <see cref="TrainingMode"/>.
/// </summary>
public sealed class StepsView(IReadOnlyList<PlannedStep> plan, int batchSize)
{
    private readonly Dictionary<int, DateTimeOffset> started = [];
    private readonly ModeRates rates = new();
    private int layerGroups = 3, batchesPerEpoch;
    private int doneInStep;
    private DateTimeOffset? endedAt, lastAt;
    private string? endedAs;

    public IReadOnlyList<PlannedStep> Plan => plan;
    public int? Current { get; private set; }

    public IEnumerable<StepLine> Lines => plan.Select(step => new StepLine(step, StateOf(step.Index), DurationOf(step.Index)));

    public void Apply(TrainingEvent e)
    {
        lastAt = e.At;
        switch (e)
        {
            case RunStarted run: batchesPerEpoch = (run.TrainCount + batchSize - 1) / Math.Max(1, batchSize); break;
            case LayersFrozen frozen: layerGroups = frozen.TotalGroups; break;
            case StepStarted step: Enter(step.Step, step.At); break;
            case PhaseProgressed { Phase: PlannedStep.Interpretation, Done: 0 } phase: Enter(plan[^1].Index, phase.At); break;
            case PhaseProgressed { Phase: PlannedStep.Precompute, Done: 0 } phase when Current is null: Enter(PlannedStep.Initial.Index, phase.At); break;
            case FitStarted fit: FitStarted(fit); break;
            case BatchEnded: doneInStep++; break;
            case LrFindBatchEnded sweep: rates.SweepBatch(sweep); doneInStep++; break;
            case EpochEnded epoch: rates.EpochEnded(epoch); break;
            case RunCompleted completed: (endedAt, endedAs) = (completed.At, null); break;
            case RunEnded ended: (endedAt, endedAs) = (ended.At, ended.Status); break;
        }
    }

    /// <summary>The training left from here to the end, and what it could not count (modes with no rate yet, non-training steps).</summary>
    public RunEta Remaining(ProgressView live)
    {
        if (endedAt is not null) return new RunEta(TimeSpan.Zero, []);
        double seconds = 0;
        var uncounted = new SortedSet<string>();
        foreach (var step in plan.Where(s => Current is null || s.Index >= Current))
        {
            if (step.Untimed) seconds += UntimedCost(step, live, uncounted);
            int done = step.Index == Current ? doneInStep : 0;
            foreach (var work in step.Work) seconds += Cost(work, step.Index == Current ? live : null, ref done, uncounted);
        }
        return new RunEta(TimeSpan.FromSeconds(seconds), [.. uncounted]);
    }

    /// <summary>The current phase's own ETA when it is the step under way; otherwise not counted.</summary>
    private double UntimedCost(PlannedStep step, ProgressView live, ISet<string> uncounted)
    {
        if (step.Index == Current && live.Eta is { } eta) return eta.TotalSeconds;
        uncounted.Add(step.Name);
        return 0;
    }

    private double Cost(PlannedWork work, ProgressView? live, ref int done, ISet<string> uncounted)
    {
        bool sweep = work.SweepIterations > 0;
        int total = sweep ? work.SweepIterations : work.Epochs * batchesPerEpoch;
        int left = Math.Max(0, total - done);
        done = Math.Max(0, done - total);
        var perBatch = (sweep ? rates.SecondsPerSweepIteration(work.Mode) : rates.SecondsPerBatch(work.Mode))
            ?? (left < total && live?.BatchesPerSecond is { } rate ? 1 / rate : null);
        if (left > 0 && perBatch is null) uncounted.Add($"{work.Mode} {(sweep ? "lr_find" : "fits")} (no rate measured yet)");
        return left * (perBatch ?? 0);
    }

    private void Enter(int index, DateTimeOffset at)
    {
        started[index] = at;
        (Current, doneInStep) = (index, 0);
    }

    private void FitStarted(FitStarted fit)
    {
        batchesPerEpoch = fit.BatchesPerEpoch;
        rates.FitStarted(fit, TrainingMode.Of(fit.Precomputed, fit.FrozenGroups, layerGroups));
    }

    private StepState StateOf(int index)
    {
        if (Current is not { } current) return endedAt is null ? StepState.Pending : StepState.NotRun;
        if (index < current) return StepState.Done;
        if (index > current) return endedAt is null ? StepState.Pending : StepState.NotRun;
        return endedAt is null ? StepState.Current : endedAs is null ? StepState.Done : StepState.Ended;
    }

    private TimeSpan? DurationOf(int index)
    {
        if (!started.TryGetValue(index, out var from)) return null;
        var until = started.Where(s => s.Key > index).Select(s => (DateTimeOffset?)s.Value).Min() ?? endedAt ?? lastAt ?? from;
        return until - from;
    }

    /// <summary>How the run ended when it did not complete (stopped, failed, interrupted); null otherwise.</summary>
    public string? EndedAs => endedAs;
}

/// <summary>Time the run's remaining training will take at its measured rates, and what that leaves out.</summary>
public sealed record RunEta(TimeSpan Training, IReadOnlyList<string> NotCounted);
