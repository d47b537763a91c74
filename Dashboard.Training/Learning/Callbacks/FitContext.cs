using Dashboard.Training.Learning.Optimizers;
using Dashboard.Training.Precision;
using Dashboard.Training.Schedules;

namespace Dashboard.Training.Learning.Callbacks;

public enum FitOutcome { Running, Completed, Stopped, Failed }

/// <summary>The state of one run of the fit loop, shared by its callbacks: plan, position, batch, loss, results.</summary>
public sealed class FitContext(Learner learner, int fitIndex, SchedulePlan plan, IReadOnlyList<double> baseRates, int startEpoch, bool isSweep)
{
    public Learner Learner { get; } = learner;

    /// <summary>Counts the fits of a learner (0 for the first); sweeps get the index the next fit will have.</summary>
    public int FitIndex { get; } = fitIndex;

    public SchedulePlan Plan { get; } = plan;

    /// <summary>The base learning rate of each layer group; the schedule multiplies them.</summary>
    public IReadOnlyList<double> BaseRates { get; } = baseRates;

    /// <summary>Epoch of the fit to start at: 0, or where an interrupted fit resumes.</summary>
    public int StartEpoch { get; } = startEpoch;

    /// <summary>The learning-rate finder's sweep: no validation, no epochs counted, a non-finite loss ends it instead of failing.</summary>
    public bool IsSweep { get; } = isSweep;

    /// <summary>A fresh optimizer for this fit (fastai 0.7 builds one per <c>fit</c>), one parameter group per trainable layer group.</summary>
    public OptimizerFactory.Built Optimizer { get; internal set; } = null!;

    /// <summary>The fp16 loss scaler of this fit (fastai's <c>MixedPrecision</c> makes one per fit); null in fp32 and bf16.</summary>
    public GradScaler? Scaler { get; internal set; }

    public int EpochInFit { get; internal set; }

    /// <summary>Mini-batches done in this fit, across epochs (the schedule's position); a resumed fit starts after its done epochs' batches.</summary>
    public int Iteration { get; internal set; } = startEpoch * plan.BatchesPerEpoch;

    public int BatchInEpoch { get; internal set; }

    public LabeledBatch? Batch { get; internal set; }

    /// <summary>The current batch's training loss (after the step), +∞ in a sweep whose loss was not finite.</summary>
    public double Loss { get; internal set; }

    /// <summary>The training loss reported at each epoch's end: smoothed over the fit's batches as fastai does (a resumed fit starts it afresh).</summary>
    public SmoothedLoss TrainLoss { get; } = new(learner.Options.TrainLossSmoothing);

    public EpochMetrics? LastEpoch { get; internal set; }

    public List<EpochMetrics> Epochs { get; } = [];

    /// <summary>Set by a callback to end the fit after the current batch (the finder, when the loss diverged).</summary>
    public bool StopRequested { get; set; }

    public FitOutcome Outcome { get; internal set; } = FitOutcome.Running;

    public Exception? Failure { get; internal set; }

    /// <summary>The rate each layer group's optimizer parameter group has now (NaN for a group with nothing to train).</summary>
    public double[] CurrentLearningRates()
    {
        var rates = Enumerable.Repeat(double.NaN, BaseRates.Count).ToArray();
        for (int i = 0; i < Optimizer.Groups.Count; i++) rates[Optimizer.LayerGroupOfParamGroup[i]] = Optimizer.Groups[i].LearningRate;
        return rates;
    }

    /// <summary>Sets each layer group's rate to its base rate × <paramref name="multiplier"/>.</summary>
    public void SetLearningRates(IReadOnlyList<double> perLayerGroup, double multiplier = 1)
    {
        for (int i = 0; i < Optimizer.Groups.Count; i++)
            Optimizer.Groups[i].LearningRate = perLayerGroup[Optimizer.LayerGroupOfParamGroup[i]] * multiplier;
    }
}
