namespace Dashboard.Components.Recipes;

/// <summary>
/// Puts one field of a copied draft back to a value the parser accepts, so that validation can go on to the next
/// field: the recipe parser stops at its first problem, and the form shows every problem at once.
/// </summary>
internal static class DraftFieldReset
{
    private static readonly RecipeDraft PlainData = new();

    /// <summary>A copy of the draft's data settings (its steps are not copied and must not be changed).</summary>
    public static RecipeDraft CopyOfData(RecipeDraft draft) => new()
    {
        Dataset = draft.Dataset, Arch = draft.Arch, Weights = draft.Weights, Size = draft.Size, BatchSize = draft.BatchSize,
        Augment = draft.Augment, MaxZoom = draft.MaxZoom, Precompute = draft.Precompute, Seed = draft.Seed,
        Precision = draft.Precision, TrainFrozenBatchNorm = draft.TrainFrozenBatchNorm,
    };

    public static StepDraft CopyOf(StepDraft step) => new()
    {
        Kind = step.Kind, MaxIterations = step.MaxIterations, Suggestion = step.Suggestion, LearningRates = step.LearningRates,
        Cycles = step.Cycles, CycleLength = step.CycleLength, CycleMult = step.CycleMult, OneCycle = step.OneCycle,
        Enabled = step.Enabled, Name = step.Name, Groups = step.Groups, Epochs = step.Epochs,
        BaseLearningRate = step.BaseLearningRate, FreezeEpochs = step.FreezeEpochs,
    };

    /// <returns>False when the field is not one this can reset (validation then stops for this part).</returns>
    public static bool Reset(RecipeDraft data, string field)
    {
        switch (field)
        {
            case "dataset": data.Dataset = PlainData.Dataset; return true;
            case "arch" or "weights": (data.Arch, data.Weights) = (PlainData.Arch, PlainData.Weights); return true;
            case "size": data.Size = PlainData.Size; return true;
            case "batchSize": data.BatchSize = PlainData.BatchSize; return true;
            case "augment": data.Augment = PlainData.Augment; return true;
            case "maxZoom": data.MaxZoom = PlainData.MaxZoom; return true;
            case "seed": data.Seed = PlainData.Seed; return true;
            case "precision": data.Precision = PlainData.Precision; return true;
            default: return false;
        }
    }

    /// <param name="field">The field's name within the step ("lr", "cycles", …).</param>
    public static bool Reset(StepDraft step, string field)
    {
        var plain = new StepDraft { Kind = step.Kind, Name = "checkpoint" };
        switch (field)
        {
            case "maxIterations": step.MaxIterations = plain.MaxIterations; return true;
            case "suggestion": step.Suggestion = plain.Suggestion; return true;
            case "lr": step.LearningRates = plain.LearningRates; return true;
            case "cycles": step.Cycles = plain.Cycles; return true;
            case "cycleLen": step.CycleLength = plain.CycleLength; return true;
            case "cycleMult": step.CycleMult = plain.CycleMult; return true;
            case "name": step.Name = plain.Name; return true;
            case "epochs": step.Epochs = plain.Epochs; return true;
            case "baseLr": step.BaseLearningRate = plain.BaseLearningRate; return true;
            case "freezeEpochs": step.FreezeEpochs = plain.FreezeEpochs; return true;
            default: return false;
        }
    }
}
