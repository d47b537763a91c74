using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>Gives each run its environment: data and model factories, folders, device.</summary>
public interface IRecipeEnvironmentFactory
{
    RecipeEnvironment Create(string runId);
}
