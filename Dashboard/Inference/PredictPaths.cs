using Dashboard.Runs;
using Dashboard.Training.Data;
using Dashboard.Training.Recipes;

namespace Dashboard.Inference;

/// <summary>Files a predict request may name by path: the demo dataset's, or inside the data roots (as recipes may read), and images.</summary>
public sealed class PredictPaths(DatasetPathPolicy policy)
{
    public ImageToPredict Image(string field, string path, long maxPixels)
    {
        var resolved = IsDemo(path) ? Path.GetFullPath(path) : Resolve(field, path);
        if (!File.Exists(resolved)) throw PredictionRefused.BadRequest($"{field}: there is no file '{path}'.");
        ImageUpload.Check(path, resolved, maxPixels);
        return new ImageToPredict(path, resolved);
    }

    private static bool IsDemo(string path) =>
        Path.IsPathRooted(path) && Path.GetFullPath(path).StartsWith(DemoDataset.Path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private string Resolve(string field, string path)
    {
        try { return policy.Require(field, path); }
        catch (RecipeException e) { throw PredictionRefused.BadRequest(e.Message); }
    }
}
