using Dashboard.Training.Recipes;

namespace Dashboard.Components.Runs;

/// <summary>The parameters of a run worth showing in a list, read from its stored recipe.</summary>
public sealed record RecipeDigest(string Arch, string Dataset, int Size, int BatchSize, string Augment, double MaxZoom, int Seed, int Steps,
    string Precision = "fp32")
{
    public string DatasetName => Dataset == "demo" ? "demo" : Path.GetFileName(Dataset.TrimEnd('/', '\\'));

    public static RecipeDigest? From(string recipeJson)
    {
        try
        {
            var recipe = RecipeParser.Parse(recipeJson);
            var data = recipe.Data;
            return new RecipeDigest(recipe.Arch, data.Path, data.Size, data.BatchSize, data.Augment, data.MaxZoom, recipe.Seed, recipe.Steps.Count, recipe.Precision);
        }
        catch (RecipeException) { return null; }
    }
}
