using Dashboard.Training.Events;

namespace Dashboard.Training.Recipes;

/// <summary>Where the images come from and how they are batched. <see cref="Path"/> may be "demo".</summary>
public sealed record RecipeData(string Path, int Size = 224, int BatchSize = 32, string Augment = "side_on", double MaxZoom = 1.1);

/// <summary>
/// A whole lesson-1 session as data: the dataset, the architecture and the steps to run in order.
/// Built by <see cref="RecipeParser"/>, which validates every field before any training starts.
/// </summary>
/// <see cref="Precision"/>: fp32, bf16, fp16 or auto. <see cref="TrainFrozenBatchNorm"/> is fastai v2's <c>train_bn</c> (off: fastai 0.7, frozen groups' BatchNorm frozen).
public sealed record Recipe(RecipeData Data, string Arch, bool Precompute, int Seed, IReadOnlyList<RecipeStep> Steps, string? Weights = null, string Optimizer = "sgd",
    bool TrainFrozenBatchNorm = false, string Precision = "fp32");

/// <summary>One step of a recipe.</summary>
public abstract record RecipeStep
{
    /// <summary>The step's key in recipe JSON (fit, lrFind, tta, …).</summary>
    public string KeyName() => RecipeStepReader.NameOf(this);
}

/// <summary>The learning-rate finder; <see cref="Suggestion"/> names the method whose rate is offered (valley, slide, minimum, steep).</summary>
public sealed record LrFindStep(int MaxIterations = 100, double StartLearningRate = 1e-7, double EndLearningRate = 10, string Suggestion = LrSuggestion.DefaultMethod) : RecipeStep;

/// <summary>fastai's <c>fit</c>; <see cref="SaveBest"/> keeps the best epoch as a checkpoint (0.7's <c>best_save_name</c>).</summary>
public sealed record FitStep(IReadOnlyList<double> LearningRates, int Cycles = 1, int? CycleLength = null, int CycleMult = 1, bool OneCycle = false,
    Learning.SaveBestOptions? SaveBest = null) : RecipeStep;

/// <summary>
/// fastai v2's <c>fine_tune(epochs, base_lr, freeze_epochs)</c>: one cycle of <see cref="FreezeEpochs"/> with the body
/// frozen, then <see cref="Epochs"/> unfrozen at half the base rate with differential rates.
/// </summary>
public sealed record FineTuneStep(int Epochs, double BaseLearningRate = 2e-3, int FreezeEpochs = 1) : RecipeStep;

public sealed record PrecomputeStep(bool Enabled) : RecipeStep;

public sealed record SaveStep(string Name) : RecipeStep;

public sealed record LoadStep(string Name) : RecipeStep;

/// <summary>Unfreeze (true) the whole body, or freeze it again (false).</summary>
public sealed record UnfreezeStep(bool Unfreeze) : RecipeStep;

public sealed record FreezeToStep(int Groups) : RecipeStep;

/// <summary>fastai 0.7's <c>bn_freeze</c>: keep every body group's BatchNorm statistics fixed (true), even after unfreeze.</summary>
public sealed record BatchNormFreezeStep(bool Frozen) : RecipeStep;

public sealed record TtaStep(bool Enabled) : RecipeStep;

/// <summary>A recipe that cannot run; <see cref="Field"/> is the JSON path of the offending value.</summary>
public sealed class RecipeException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}
