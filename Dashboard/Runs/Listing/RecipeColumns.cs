using Dashboard.Training.Recipes;

namespace Dashboard.Runs.Listing;

/// <summary>The recipe's fields the runs list searches and sorts by; all null for a recipe that no longer parses.</summary>
public sealed record RecipeColumns(string? Arch, string? Dataset, int? Size)
{
    public static RecipeColumns From(string recipeJson)
    {
        try
        {
            return From(RecipeParser.Parse(recipeJson));
        }
        catch (RecipeException) { return new RecipeColumns(null, null, null); }
    }

    public static RecipeColumns From(Recipe recipe) => new(recipe.Arch, recipe.Data.Path, recipe.Data.Size);
}
