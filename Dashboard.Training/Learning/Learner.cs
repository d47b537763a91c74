using Dashboard.Training.Events;
using Dashboard.Training.Learning.Callbacks;
using Dashboard.Training.Models;
using Dashboard.Training.Models.ResNet;
using Dashboard.Training.Precision;
using Dashboard.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>Where a learner stood at an epoch boundary, enough to continue an interrupted run.</summary>
public sealed record LearnerProgress(int EpochsCompleted, int FitsStarted, int FrozenGroups, bool Precompute, bool BatchNormFrozen = false);

/// <summary>
/// fastai's lesson-1 learner: a pretrained body with a new head, frozen at creation (fastai 0.7 freezing: frozen groups'
/// BatchNorm included); optional precomputed activations; fit, lr_find, unfreeze with differential rates, save/load.
/// The fit loop is short; what varies (schedule, BatchNorm mode, events, thumbnails, best epoch, the finder, resume
/// points) lives in <see cref="LearnerCallback"/>s. Not thread-safe: one fit at a time, on one thread.
/// </summary>
public sealed class Learner : IDisposable
{
    private readonly List<LearnerCallback> callbacks = [new FrozenBatchNormCallback(), new ThumbnailCallback(), new EventRecorder(), new LoaderProblemReporter()];
    private PrecomputedActivations? activations;

    public Learner(Backbone body, ILearnerData data, LearnerOptions options, ITrainingEventSink events, Device? device = null)
    {
        Data = data;
        Options = options;
        Events = events;
        Device = device ?? CPU;
        torch.manual_seed(options.Seed);
        Model = new TransferModel(body, data.Classes.Count, options.Head) { ChannelsLast = options.ChannelsLast };
        Model.to(Device);
        Precision = ChoosePrecision(options.Precision);
        callbacks.Add(new SystemSampler(options.SystemSampleInterval));
        Freeze();
    }

    public TransferModel Model { get; }
    public ILearnerData Data { get; }
    public LearnerOptions Options { get; }
    public Device Device { get; }
    public ITrainingEventSink Events { get; }

    /// <summary>The precision the learner computes in: the requested one resolved for this machine (fp32 when autocast is unavailable).</summary>
    public TrainingPrecision Precision { get; }
    public int FrozenGroups => Model.FrozenGroups;
    public int GroupCount => Model.LayerGroups.Count;

    /// <summary>fastai 0.7's <c>bn_freeze</c>: every body group's BatchNorm statistics stay fixed, even when unfrozen.</summary>
    public bool BatchNormFrozen { get; private set; }

    /// <summary>Epochs trained so far in this learner, across fits.</summary>
    public int EpochsCompleted { get; private set; }

    public int FitsStarted { get; private set; }

    public bool Precompute { get; private set; }

    public LearnerProgress Progress => new(EpochsCompleted, FitsStarted, FrozenGroups, Precompute, BatchNormFrozen);

    private TrainingPrecision ChoosePrecision(TrainingPrecision requested)
    {
        var hardware = new PrecisionHardware(Device.type == DeviceType.CUDA, PrecisionHardware.ReadCpuFlags());
        var chosen = PrecisionChoice.Resolve(requested, hardware);
        var unavailable = chosen == TrainingPrecision.Fp32 ? null : Autocast.Unavailable();
        var used = unavailable is null ? chosen : TrainingPrecision.Fp32;
        Events.Emit(new PrecisionChosen(TrainingPrecisionNames.NameOf(requested), TrainingPrecisionNames.NameOf(used),
            unavailable is null ? null : $"{unavailable}: training in fp32 instead"));
        return used;
    }

    /// <summary>Adds a callback to every later fit (e.g. the recipe runner's resume-point writer).</summary>
    public void AddCallback(LearnerCallback callback) => callbacks.Add(callback);

    /// <summary>Freeze every body group: only the head trains.</summary>
    public void Freeze() => FreezeTo(GroupCount - 1);

    public void Unfreeze() => FreezeTo(0);

    /// <summary>Freeze the first <paramref name="groups"/> layer groups (fastai 0.7 <c>freeze_to</c>).</summary>
    public void FreezeTo(int groups)
    {
        Model.FreezeTo(groups, Options.TrainFrozenBatchNorm);
        if (groups < GroupCount - 1) DropActivations();
        Events.Emit(new LayersFrozen(groups, GroupCount));
    }

    /// <summary>fastai 0.7's <c>bn_freeze(frozen)</c>; throws when the body has no BatchNorm layer.</summary>
    public void FreezeBatchNorm(bool frozen)
    {
        if (frozen && !LayerFreezing.HasBatchNorm(Model.Body))
            throw new InvalidOperationException($"bnFreeze: the {Model.Body.Architecture} body has no BatchNorm layer to freeze.");
        BatchNormFrozen = frozen;
        Events.Emit(new BatchNormFreezeChanged(frozen));
    }

    /// <summary>Train the head on cached body activations (no augmentation), or go back to full images.</summary>
    public void SetPrecompute(bool enabled, CancellationToken cancellation = default)
    {
        if (enabled && FrozenGroups < GroupCount - 1)
            throw new InvalidOperationException("precompute needs a frozen body: call Freeze() first (the cached activations would not follow body training).");
        if (enabled && activations is null)
        {
            activations = PrecomputedActivations.Create(this, cancellation, out var completed);
            Events.Emit(completed);
        }
        Precompute = enabled;
    }

    /// <summary>
    /// Trains following the request's schedule. Cancellation stops at the next batch and leaves the model usable;
    /// a NaN or infinite loss ends the fit with <see cref="FitFailed"/> and a <see cref="TrainingDivergedException"/>.
    /// <paramref name="resumeAtEpoch"/> &gt; 0 continues an interrupted fit of this index at that epoch.
    /// </summary>
    public FitResult Fit(FitRequest request, CancellationToken cancellation = default, int resumeAtEpoch = 0)
    {
        var rates = request.RatesPerGroup(GroupCount, Options.MaxLearningRate);
        var source = TrainSource();
        var plan = request.Plan(source.BatchesPerEpoch);
        if (resumeAtEpoch < 0 || resumeAtEpoch > plan.Epochs) throw new ArgumentOutOfRangeException(nameof(resumeAtEpoch), resumeAtEpoch, $"must be within the fit's {plan.Epochs} epochs");
        var best = request.SaveBest is { } saveBest ? new BestEpochSaver(saveBest, request.BestSoFar) : null;
        var fit = new FitContext(this, FitsStarted++, plan, rates, resumeAtEpoch, isSweep: false);
        FitLoop.Run(fit, source, callbacks, cancellation, best is null ? [new ParamScheduler()] : [new ParamScheduler(), best]);
        return new FitResult(fit.Epochs, fit.Outcome == FitOutcome.Stopped, best?.Best, fit.CurrentLearningRates());
    }

    /// <summary>The learning-rate finder: a sweep that leaves every weight, buffer and the random state as it found them.</summary>
    public LrFindResult LrFind(LrFindOptions options, CancellationToken cancellation = default)
    {
        LrSuggestions.Require(options.Suggestion);
        var source = TrainSource();
        var finder = new LrFinder(options);
        var plan = FitSchedules.Constant(finder.EpochsFor(source.BatchesPerEpoch), source.BatchesPerEpoch);
        var sweep = new FitContext(this, FitsStarted, plan, Enumerable.Repeat(options.StartLearningRate, GroupCount).ToArray(), 0, isSweep: true);
        FitLoop.Run(sweep, source, callbacks, cancellation, [finder]);
        cancellation.ThrowIfCancellationRequested();
        return finder.Result!;
    }

    /// <summary>Mean cross-entropy and accuracy on the validation set (eval mode, no gradients).</summary>
    public (double Loss, double Accuracy) Validate(CancellationToken cancellation = default, PhaseReporter? progress = null)
    {
        Model.eval();
        using var noGrad = torch.no_grad();
        double lossSum = 0;
        long correct = 0, count = 0;
        foreach (var batch in ValidSource().Epoch(0, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            using var owned = batch;
            var targets = owned.Targets.to(Device);
            var output = Forward(owned.Inputs.to(Device));
            lossSum += nn.functional.cross_entropy(output, targets, reduction: nn.Reduction.Sum).item<float>();
            correct += output.argmax(1).eq(targets).sum().item<long>();
            count += owned.Count;
            progress?.Step();
        }
        return (lossSum / Math.Max(1, count), (double)correct / Math.Max(1, count));
    }

    /// <summary>Saves the weights and the class list as <c>name</c> in the models folder; returns the path.</summary>
    public string Save(string name)
    {
        var path = WriteCheckpoint(name);
        Events.Emit(new Saved(name, path));
        return path;
    }

    /// <summary>Writes checkpoint <c>name</c> without reporting it (the best-epoch saver reports its own event).</summary>
    public string WriteCheckpoint(string name)
    {
        var path = Checkpoints.PathFor(Options.ModelsFolder, name);
        WriteWeights(path);
        return path;
    }

    /// <summary>Writes the weights with architecture, classes and epoch count to <paramref name="path"/>, atomically.</summary>
    public void WriteWeights(string path) =>
        Checkpoints.Save(path, Model, new CheckpointInfo(Model.Body.Architecture, Data.Classes, EpochsCompleted, DateTimeOffset.UtcNow)
        {
            ImageSize = Data.ImageSize, Layout = (Model.Body as ResNetBackbone)?.Layout, Normalisation = (Model.Body as ResNetBackbone)?.Normalisation, Precision = TrainingPrecisionNames.NameOf(Precision),
            Augmentation = Data.TrainAugmentation,
        });

    /// <summary>Loads weights saved by <see cref="Save"/>; fails clearly when classes or architecture differ.</summary>
    public void Load(string name)
    {
        var path = Checkpoints.PathFor(Options.ModelsFolder, name);
        LoadWeights(path);
        if (Precompute) SetPrecompute(true);
        Events.Emit(new Loaded(name, path));
    }

    /// <summary>Puts a resume point's weights, counters, freezing and precompute back as they were.</summary>
    public void Restore(string weightsPath, LearnerProgress progress, CancellationToken cancellation = default)
    {
        var info = LoadWeights(weightsPath);
        if (info.EpochsCompleted != progress.EpochsCompleted)
            throw new InvalidDataException($"{weightsPath} holds epoch {info.EpochsCompleted}, the resume record says {progress.EpochsCompleted}.");
        FreezeTo(progress.FrozenGroups);
        BatchNormFrozen = progress.BatchNormFrozen;
        EpochsCompleted = progress.EpochsCompleted;
        FitsStarted = progress.FitsStarted;
        SetPrecompute(progress.Precompute, cancellation);
    }

    private CheckpointInfo LoadWeights(string path)
    {
        var info = Checkpoints.Load(path, Model, Data.Classes, Model.Body.Architecture);
        DropActivations();
        return info;
    }

    private void DropActivations()
    {
        activations?.Dispose();
        activations = null;
        if (FrozenGroups < GroupCount - 1) Precompute = false;
    }

    private IBatchSource TrainSource() => Precompute ? activations!.Train : Data.Train(augment: true);

    internal IBatchSource ValidSource() => Precompute ? activations!.Valid : Data.Valid();

    /// <summary>Logits of a batch of the current mode (images, or cached activations), computed in the run's precision, as fp32.</summary>
    internal Tensor Forward(Tensor inputs) => Precompute ? InPrecision(() => Model.Classify(inputs)) : ForwardImages(inputs);

    /// <summary>Logits of images through the whole model, in the run's precision, as fp32.</summary>
    internal Tensor ForwardImages(Tensor images) => InPrecision(() => Model.forward(images));

    /// <summary>
    /// Runs a forward pass inside the run's autocast scope and hands back fp32 (losses, softmax and cached activations
    /// stay fp32); backward runs outside the scope, as PyTorch requires.
    /// </summary>
    internal Tensor InPrecision(Func<Tensor> forward)
    {
        Tensor output;
        using (Autocast.Enter(Device, Precision)) output = forward();
        if (output.dtype == ScalarType.Float32) return output;
        using (output) return output.to_type(ScalarType.Float32);
    }

    /// <summary>Counts an epoch the fit loop finished (sweeps count none).</summary>
    internal void CountEpoch() => EpochsCompleted++;

    /// <summary>The thread count for the current mode, until disposed: <see cref="LearnerOptions.PrecomputedThreads"/> on cached activations.</summary>
    internal IDisposable ThreadsForMode() => TorchThreads.Use(Precompute ? Options.PrecomputedThreads : null);

    public void Dispose()
    {
        activations?.Dispose();
        Model.Dispose();
    }
}
