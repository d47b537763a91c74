using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Components.Runs.Progress;

/// <summary>How a fit's batches run, which sets their speed: on cached activations, full images with the body frozen, or unfrozen.</summary>
public static class TrainingMode
{
    public const string Precomputed = "precomputed", Frozen = "frozen", Unfrozen = "unfrozen";

    public static string Of(bool precomputed, int frozenGroups, int layerGroups) =>
        precomputed ? Precomputed : frozenGroups >= layerGroups - 1 ? Frozen : Unfrozen;
}

/// <summary>Training a step will do in one mode: whole epochs of a fit, or a finder sweep's iterations.</summary>
public sealed record PlannedWork(string Mode, int Epochs, int SweepIterations = 0);

/// <summary>
/// One recipe step as the run page lists it (<see cref="Index"/> 0-based in the recipe), with the training it will do (none
/// for save, load, …). <see cref="Untimed"/>: work the run's batch rates do not estimate (precompute, TTA, interpretation).
/// </summary>
public sealed record PlannedStep(int Index, string Name, string Detail, IReadOnlyList<PlannedWork> Work, bool Untimed = false)
{
    public const string Precompute = "precompute", Tta = "tta", Interpretation = "interpretation";

    /// <summary>The activations a recipe with <c>precompute: true</c> caches before its first step.</summary>
    public static PlannedStep Initial => new(-1, Precompute, "activations of the frozen body, before the first step", [], Untimed: true);

    /// <summary>The final validation, confusion matrix and top losses that follow the last step.</summary>
    public static PlannedStep Final(int index) => new(index, Interpretation, "final validation, confusion matrix, top losses", [], Untimed: true);
}

/// <summary>
/// The recipe's steps in order, each with the mode its fits will train in, found by following the recipe's precompute and
/// freezing steps as the learner applies them (unfreezing drops the cached activations).
/// </summary>
public static class RunPlan
{
    public static IReadOnlyList<PlannedStep> From(Recipe recipe, int layerGroups)
    {
        var state = new PlanState(recipe.Precompute, layerGroups - 1, layerGroups);
        var steps = recipe.Steps.Select((step, i) => new PlannedStep(i, step.KeyName(), Describe(step), state.Apply(step),
            step is PrecomputeStep { Enabled: true } or TtaStep { Enabled: true })).ToList();
        if (recipe.Precompute) steps.Insert(0, PlannedStep.Initial);
        steps.Add(PlannedStep.Final(recipe.Steps.Count));
        return steps;
    }

    private static string Describe(RecipeStep step) => step switch
    {
        LrFindStep f => $"up to {f.MaxIterations} iterations",
        FitStep f => $"{RecipeRunner.EpochsOf(f)} epoch(s), lr {EventText.Rates(f.LearningRates)}",
        FineTuneStep f => $"{f.FreezeEpochs} frozen + {f.Epochs} unfrozen epoch(s), base lr {EventText.Rate(f.BaseLearningRate)}",
        PrecomputeStep p => p.Enabled ? "on" : "off",
        SaveStep s => $"'{s.Name}'",
        LoadStep l => $"'{l.Name}'",
        UnfreezeStep u => u.Unfreeze ? "whole body" : "freeze the body again",
        FreezeToStep f => $"first {f.Groups} group(s) frozen",
        BatchNormFreezeStep b => b.Frozen ? "on" : "off",
        TtaStep t => t.Enabled ? "4 augmented views + plain" : "off",
        _ => "",
    };

    /// <summary>Precompute and freezing as the learner would have them after each step.</summary>
    private sealed class PlanState(bool precompute, int frozenGroups, int layerGroups)
    {
        private string Mode => TrainingMode.Of(precompute, frozenGroups, layerGroups);

        public IReadOnlyList<PlannedWork> Apply(RecipeStep step)
        {
            switch (step)
            {
                case LrFindStep f: return [new PlannedWork(Mode, 0, f.MaxIterations)];
                case FitStep f: return [new PlannedWork(Mode, RecipeRunner.EpochsOf(f))];
                case FineTuneStep f: return FineTune(f);
                case PrecomputeStep p: precompute = p.Enabled; break;
                case UnfreezeStep u: FreezeTo(u.Unfreeze ? 0 : layerGroups - 1); break;
                case FreezeToStep f: FreezeTo(f.Groups); break;
            }
            return [];
        }

        private IReadOnlyList<PlannedWork> FineTune(FineTuneStep step)
        {
            var work = new List<PlannedWork>();
            if (step.FreezeEpochs > 0)
            {
                FreezeTo(layerGroups - 1);
                work.Add(new PlannedWork(Mode, step.FreezeEpochs));
            }
            FreezeTo(0);
            work.Add(new PlannedWork(Mode, step.Epochs));
            return work;
        }

        private void FreezeTo(int groups)
        {
            frozenGroups = groups;
            if (groups < layerGroups - 1) precompute = false;
        }
    }
}
