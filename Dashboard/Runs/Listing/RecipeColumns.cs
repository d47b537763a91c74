using Dashboard.Training.Recipes;

namespace Dashboard.Runs.Listing;

/// <summary>The recipe's fields the runs list searches and sorts by; all null for a recipe that no longer parses.</summary>
public sealed record RecipeColumns(string? Arch, string? Dataset, int? Size)
{
    public static RecipeColumns From(string recipeJson)
    {
        try
        {
            var recipe = RecipeParser.Parse(recipeJson);
            return new RecipeColumns(recipe.Arch, recipe.Data.Path, recipe.Data.Size);
        }
        catch (RecipeException) { return new RecipeColumns(null, null, null); }
    }
}
