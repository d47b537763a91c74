using Dashboard.Training.Events;
using Dashboard.Training.Schedules;

namespace Dashboard.Training.Learning;

/// <summary>
/// fastai's <c>fit(lr, cycles, cycle_len, cycle_mult)</c>: with no cycle length, <see cref="Cycles"/> epochs at a constant rate;
/// with one, SGDR cycles; with <see cref="OneCycle"/>, one cycle over <see cref="Cycles"/> epochs.
/// <see cref="LearningRates"/> holds one rate for all layer groups or one per group (for a ResNet: early body, late body, head).
/// </summary>
public sealed record FitRequest
{
    public FitRequest(IReadOnlyList<double> learningRates, int cycles = 1, int? cycleLength = null, int cycleMult = 1, bool oneCycle = false)
    {
        LearningRates = learningRates;
        Cycles = cycles;
        CycleLength = cycleLength;
        CycleMult = cycleMult;
        OneCycle = oneCycle;
    }

    public FitRequest(double learningRate, int cycles = 1, int? cycleLength = null, int cycleMult = 1, bool oneCycle = false)
        : this([learningRate], cycles, cycleLength, cycleMult, oneCycle) { }

    public IReadOnlyList<double> LearningRates { get; init; }
    public int Cycles { get; init; }
    public int? CycleLength { get; init; }
    public int CycleMult { get; init; }
    public bool OneCycle { get; init; }

    /// <summary>fastai v2 <c>fit_one_cycle</c> settings when <see cref="OneCycle"/> (null: its defaults).</summary>
    public OneCycleOptions? OneCycleSettings { get; init; }

    /// <summary>Keep the fit's best epoch as a checkpoint (null: do not).</summary>
    public SaveBestOptions? SaveBest { get; init; }

    /// <summary>When resuming a fit with <see cref="SaveBest"/>: the best epoch before the interruption.</summary>
    public EpochMetrics? BestSoFar { get; init; }

    /// <summary>Epochs this fit will train: cycles, or the sum of the SGDR cycle lengths.</summary>
    public int Epochs => OneCycle || CycleLength is null ? Cycles : FitSchedules.CycleEpochs(Cycles, CycleLength.Value, CycleMult).Sum();

    public SchedulePlan Plan(int batchesPerEpoch) =>
        OneCycle ? FitSchedules.OneCycle(Cycles, batchesPerEpoch, OneCycleSettings)
        : CycleLength is int length ? FitSchedules.Sgdr(Cycles, length, CycleMult, batchesPerEpoch)
        : FitSchedules.Constant(Cycles, batchesPerEpoch);

    /// <summary>The base rate of each layer group; throws with the field named when the rates are unusable.</summary>
    public double[] RatesPerGroup(int groups, double maxLearningRate)
    {
        if (LearningRates.Count != 1 && LearningRates.Count != groups)
            throw new ArgumentException($"lr: give one learning rate or {groups} (one per layer group), not {LearningRates.Count}.", nameof(LearningRates));
        foreach (var rate in LearningRates)
        {
            if (!double.IsFinite(rate) || rate <= 0 || rate > maxLearningRate)
                throw new ArgumentOutOfRangeException(nameof(LearningRates), rate, $"lr: each learning rate must be > 0 and ≤ {maxLearningRate}.");
        }
        return LearningRates.Count == 1 ? Enumerable.Repeat(LearningRates[0], groups).ToArray() : LearningRates.ToArray();
    }
}

/// <summary>Figures of one epoch.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValidLoss, double Accuracy, double Seconds);

/// <summary>
/// What a fit did: its epochs, whether it was stopped early, its best epoch when it kept one, and each layer group's
/// learning rate at the last batch (NaN for a frozen group).
/// </summary>
public sealed record FitResult(IReadOnlyList<EpochMetrics> Epochs, bool Stopped, EpochMetrics? Best, IReadOnlyList<double> FinalLearningRates);

/// <summary>The finder's curve, the suggestions from it, and the method whose rate is used.</summary>
public sealed record LrFindResult(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses,
    IReadOnlyList<LrSuggestion> Suggestions, string Chosen)
{
    /// <summary>The chosen method's rate; NaN when it gave none.</summary>
    public double Suggestion => LrSuggestion.RateOf(Suggestions, Chosen);
}

/// <summary>Thrown when the training loss becomes NaN or infinite; the message names the iteration.</summary>
public sealed class TrainingDivergedException(int iteration, double loss)
    : Exception($"loss diverged at iteration {iteration} (loss = {loss})")
{
    public int Iteration { get; } = iteration;
}
