using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using TorchSharp;

namespace Dashboard.Training.Recipes;

/// <summary>What a recipe needs from its host: how to open data and bodies, where files go, which device.</summary>
public sealed record RecipeEnvironment(
    Func<RecipeData, int, ILearnerData> OpenData,
    Func<string, string?, Backbone> CreateBackbone,
    LearnerOptions LearnerOptions,
    torch.Device Device);
