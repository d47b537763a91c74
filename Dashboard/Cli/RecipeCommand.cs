using System.Text.Json;
using Dashboard.Training;
using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;

namespace Dashboard.Cli;

/// <summary>
/// <c>run RECIPE.json --out RESULT.json</c>: validates the recipe, trains, prints progress, writes the result. Exit codes:
/// 0 trained, 1 the run failed (data, divergence, memory), 2 the command line or the recipe is wrong (nothing trained).
/// </summary>
public static class RecipeCommand
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        var output = CommandLine.Option(args, "--out");
        var dataFolder = Runs.DataFolderResolution.ForCommand(args);
        Recipe recipe;
        try { recipe = RecipeParser.Parse(File.ReadAllText(args[0])); }
        catch (Exception e) when (e is RecipeException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {args[0]}: {e.Message}");
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var environment = new RecipeEnvironment(LoaderLearnerData.Open, Backbones.Create,
            new LearnerOptions { ModelsFolder = Path.Combine(dataFolder, "models"), ActivationCacheFolder = Path.Combine(dataFolder, "activations") },
            TorchDevices.Resolve(new TorchOptions()));
        try
        {
            RecipeResult result;
            try { result = new RecipeRunner(environment).Run(recipe, new ConsoleProgress(Console.Out, Console.IsOutputRedirected), cancel.Token); }
            catch (RecipeException e)
            {
                Console.Error.WriteLine($"error: {args[0]}: {e.Message}"); // a step the model cannot take, found before training
                return 2;
            }
            if (output != null) AtomicFile.Write(output, stream => JsonSerializer.Serialize(stream, result, ResultJson));
            Console.WriteLine($"final accuracy {result.Final.Accuracy:P2}" + (result.Final.TtaAccuracy is double tta ? $", TTA {tta:P2}" : "") + $" in {result.Seconds:F0} s");
            return 0;
        }
        catch (Exception e) when (e is DatasetException or TrainingDivergedException or TrainingOutOfMemoryException or FileNotFoundException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
