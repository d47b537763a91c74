using System.CommandLine;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Datasets;
using Dashboard.Training;
using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Cli;

/// <summary>
/// <c>run RECIPE.json [--out RESULT.json]</c>: validates the recipe, trains, shows progress, writes the result. Exit codes:
/// 0 trained, 1 the run failed (data, divergence, memory, a full disk), 2 the command line or the recipe is wrong (nothing trained).
/// </summary>
public static class RecipeCommand
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CommandArguments arguments)
    {
        var recipe = new Argument<string>("RECIPE.json") { Description = "the recipe: data, architecture and steps (JSON)" };
        var output = new Option<string?>("--out") { Description = "write the result (epochs, final accuracy, TTA) to this JSON file", HelpName = "RESULT.json" };
        var command = new Command("run", "Train a recipe without the server") { recipe, output };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(recipe), parsed.GetValue(output), arguments, parsed.InvocationConfiguration));
        return command;
    }

    /// <summary>The dashboard's resize cache under this configuration: its folder and its <c>Dashboard:ResizeCacheMegabytes</c> cap, none at 0.</summary>
    private static ResizeCache? ResizeCacheOf(IConfiguration configuration)
    {
        var dashboard = configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new();
        return new DashboardResizeCache(DashboardPaths.ForCommand(dashboard, Directory.GetCurrentDirectory()), Options.Create(dashboard)).Cache;
    }

    private static int Run(string recipePath, string? output, CommandArguments arguments, InvocationConfiguration console)
    {
        var dataFolder = arguments.DataFolder();
        Recipe recipe;
        try { recipe = RecipeParser.Parse(File.ReadAllText(recipePath)); }
        catch (Exception e) when (e is RecipeException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {recipePath}: {e.Message}");
            return CommandLineInvocation.Usage;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var configuration = arguments.Configuration();
        var resizeCache = ResizeCacheOf(configuration);
        var environment = new RecipeEnvironment((data, seed) => LoaderLearnerData.Open(data, seed, resizeCache), Backbones.Create,
            new LearnerOptions { ModelsFolder = Path.Combine(dataFolder, "models"), ActivationCacheFolder = Path.Combine(dataFolder, "activations") },
            TorchDevices.Resolve(configuration.GetSection(TorchOptions.SectionName).Get<TorchOptions>() ?? new TorchOptions()));
        try
        {
            RecipeResult result;
            using (var progress = TrainingProgress.For(console.Output))
            {
                try { result = new RecipeRunner(environment).Run(recipe, progress, cancel.Token); }
                catch (RecipeException e)
                {
                    console.Error.WriteLine($"error: {recipePath}: {e.Message}"); // a step the model cannot take, found before training
                    return CommandLineInvocation.Usage;
                }
            }
            if (output != null) AtomicFile.Write(output, stream => JsonSerializer.Serialize(stream, result, ResultJson));
            console.Output.WriteLine($"final accuracy {result.Final.Accuracy:P2}" + (result.Final.TtaAccuracy is double tta ? $", TTA {tta:P2}" : "") + $" in {result.Seconds:F0} s");
            return CommandLineInvocation.Succeeded;
        }
        catch (Exception e) when (e is DatasetException or TrainingDivergedException or TrainingOutOfMemoryException or IOException or UnauthorizedAccessException
            or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return CommandLineInvocation.Failed;
        }
    }
}
