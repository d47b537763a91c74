using Dashboard.Training.Events;
using Dashboard.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>
/// fastai's lesson-1 learner: a pretrained body with a new head, frozen at creation; optional precomputed activations;
/// lr_find, fit (SGDR, one-cycle), unfreeze with differential learning rates, save/load, TTA and interpretation.
/// Every step reports past-tense events to the sink. Not thread-safe: one fit at a time, on one thread.
/// </summary>
public sealed partial class Learner : IDisposable
{
    private readonly ITrainingEventSink events;
    private OptimizerFactory.Built optimizer;
    private PrecomputedActivations? activations;
    private int fitCount;

    public Learner(Backbone body, ILearnerData data, LearnerOptions options, ITrainingEventSink events, Device? device = null)
    {
        Data = data;
        Options = options;
        this.events = events;
        Device = device ?? CPU;
        torch.manual_seed(options.Seed);
        Model = new TransferModel(body, data.Classes.Count, options.Head);
        Model.to(Device);
        optimizer = ApplyFreezing(Model.LayerGroups.Count - 1);
    }

    public TransferModel Model { get; }
    public ILearnerData Data { get; }
    public LearnerOptions Options { get; }
    public Device Device { get; }
    public int FrozenGroups { get; private set; }
    public int GroupCount => Model.LayerGroups.Count;

    /// <summary>Epochs trained so far in this learner, across fits.</summary>
    public int EpochsCompleted { get; private set; }

    public bool Precompute { get; private set; }

    /// <summary>Freeze every body group: only the head (and BatchNorm layers) train.</summary>
    public void Freeze() => FreezeTo(GroupCount - 1);

    public void Unfreeze() => FreezeTo(0);

    /// <summary>Freeze the first <paramref name="groups"/> layer groups; resets the optimizer state.</summary>
    public void FreezeTo(int groups)
    {
        optimizer.Optimizer.Dispose();
        optimizer = ApplyFreezing(groups);
    }

    /// <summary>Train the head on cached body activations (no augmentation), or go back to full images.</summary>
    public void SetPrecompute(bool enabled, CancellationToken cancellation = default)
    {
        if (enabled && FrozenGroups < GroupCount - 1)
            throw new InvalidOperationException("precompute needs a frozen body: call Freeze() first (the cached activations would not follow body training).");
        if (enabled) activations ??= PrecomputedActivations.Create(this, cancellation);
        Precompute = enabled;
    }

    private OptimizerFactory.Built ApplyFreezing(int groups)
    {
        LayerFreezing.FreezeTo(Model.LayerGroups, groups);
        FrozenGroups = groups;
        if (groups < GroupCount - 1) { activations?.Dispose(); activations = null; Precompute = false; }
        events.Emit(new LayersFrozen(groups, GroupCount));
        return OptimizerFactory.Create(Model.LayerGroups, Options);
    }

    private IBatchSource TrainSource() => Precompute ? activations!.Train : Data.Train(augment: true);

    private IBatchSource ValidSource() => Precompute ? activations!.Valid : Data.Valid();

    private Tensor Forward(Tensor inputs) => Precompute ? Model.Classify(inputs) : Model.forward(inputs);

    /// <summary>The thread count for the current mode, until disposed: <see cref="LearnerOptions.PrecomputedThreads"/> on cached activations.</summary>
    private IDisposable ThreadsForMode() => TorchThreads.Use(Precompute ? Options.PrecomputedThreads : null);

    private void SetLearningRates(IReadOnlyList<double> perLayerGroup, double multiplier)
    {
        for (int i = 0; i < optimizer.Groups.Count; i++)
            optimizer.Groups[i].LearningRate = perLayerGroup[optimizer.LayerGroupOfParamGroup[i]] * multiplier;
    }

    /// <summary>The rate each layer group's optimizer parameter group has now (NaN for a group with nothing to train).</summary>
    public double[] CurrentLearningRates()
    {
        var rates = Enumerable.Repeat(double.NaN, GroupCount).ToArray();
        for (int i = 0; i < optimizer.Groups.Count; i++) rates[optimizer.LayerGroupOfParamGroup[i]] = optimizer.Groups[i].LearningRate;
        return rates;
    }

    /// <summary>One optimisation step on one batch; returns the loss, or throws when it is not finite.</summary>
    private double TrainStep(LabeledBatch batch, int iteration)
    {
        using var inputs = batch.Inputs.to(Device);
        using var targets = batch.Targets.to(Device);
        using var output = Forward(inputs);
        using var loss = nn.functional.cross_entropy(output, targets);
        double value = loss.item<float>();
        if (!double.IsFinite(value)) throw new TrainingDivergedException(iteration, value);
        optimizer.Optimizer.ZeroGrad();
        loss.backward();
        optimizer.Optimizer.Step();
        return value;
    }

    internal void EmitPrecomputed(PrecomputeCompleted completed) => events.Emit(completed);

    public void Dispose()
    {
        activations?.Dispose();
        optimizer.Optimizer.Dispose();
        Model.Dispose();
    }
}
