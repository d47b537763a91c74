using Dashboard.Training.Learning;

namespace Dashboard.Training.Recipes;

/// <summary>
/// Checks of a recipe against the model it will train: one learning rate or one per layer group, and BatchNorm to
/// freeze where a step asks for it. The parser runs them against the architecture's shape; the runner again against
/// the built learner, before any training.
/// </summary>
public static class RecipeChecks
{
    public static void AgainstModel(Recipe recipe, int layerGroups, bool hasBatchNorm)
    {
        for (int i = 0; i < recipe.Steps.Count; i++)
        {
            switch (recipe.Steps[i])
            {
                case FitStep fit when fit.LearningRates.Count != 1 && fit.LearningRates.Count != layerGroups:
                    throw new RecipeException($"$.steps[{i}].fit.lr",
                        $"give one learning rate or {layerGroups} (one per layer group of {recipe.Arch}: {LayerGroupNames(layerGroups)}), not {fit.LearningRates.Count}");
                case BatchNormFreezeStep { Frozen: true } when !hasBatchNorm:
                    throw new RecipeException($"$.steps[{i}].bnFreeze", $"the {recipe.Arch} body has no BatchNorm layer to freeze");
            }
        }
    }

    /// <summary>"early body, late body, head" for three groups; body groups are numbered when there are more.</summary>
    public static string LayerGroupNames(int layerGroups) => layerGroups switch
    {
        1 => "head",
        2 => "body, head",
        3 => "early body, late body, head",
        _ => string.Join(", ", Enumerable.Range(1, layerGroups - 1).Select(g => $"body {g}").Append("head")),
    };

    /// <summary>Against the learner itself (the runner's check: any backbone, including test ones).</summary>
    public static void AgainstLearner(Recipe recipe, Learner learner) =>
        AgainstModel(recipe, learner.GroupCount, Models.LayerFreezing.HasBatchNorm(learner.Model.Body));
}
