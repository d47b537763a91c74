using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Models.ResNet;
using Dashboard.Training.Recipes;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// Our pretrained body as PyTorch reads it: its state_dict (<see cref="WeightsPath"/>, torchvision key names), its input
/// convention (<see cref="Normalisation"/>), and a probe (<see cref="ProbePath"/>): a few validation images after our
/// validation transform (RGB in [0, 1]) and our body's feature maps for them, which the script must reproduce.
/// </summary>
public sealed record ExportedBody(string WeightsPath, string ProbePath, InputNormalisation Normalisation)
{
    public const string WeightsFileName = "body.pth";
    public const string ProbeFileName = "probe.pth";

    /// <summary>What the script's <c>--normalisation</c> reads: reverseChannels, scale, mean, std.</summary>
    public string NormalisationJson() => new JsonObject
    {
        ["reverseChannels"] = Normalisation.ReverseChannels,
        ["scale"] = Normalisation.Scale,
        ["mean"] = new JsonArray(Normalisation.Mean.Select(value => (JsonNode)value).ToArray()),
        ["std"] = new JsonArray(Normalisation.StandardDeviation.Select(value => (JsonNode)value).ToArray()),
    }.ToJsonString();

    public string Describe() =>
        $"{(Normalisation.ReverseChannels ? "BGR" : "RGB")} × {Normalisation.Scale.ToString(CultureInfo.InvariantCulture)}, " +
        $"mean [{string.Join(", ", Normalisation.Mean.Select(m => m.ToString("F3", CultureInfo.InvariantCulture)))}], " +
        $"std [{string.Join(", ", Normalisation.StandardDeviation.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]";
}

public static class BodyExport
{
    /// <summary>Loads the recipe's body as the runner does, writes its weights and the probe into <paramref name="folder"/>.</summary>
    public static ExportedBody Write(Recipe recipe, string folder, int probeImages, CancellationToken cancellation)
    {
        using var body = Backbones.Create(recipe.Arch, recipe.Weights);
        if (body is not ResNetBackbone resnet)
            throw new AccuracyBenchException($"{recipe.Arch}: the PyTorch reference builds torchvision ResNets only");
        var weights = Path.Combine(folder, ExportedBody.WeightsFileName);
        PyTorchPickler.PickleStateDict(weights, body.state_dict());
        var probe = Path.Combine(folder, ExportedBody.ProbeFileName);
        WriteProbe(resnet, recipe, probe, probeImages, cancellation);
        return new ExportedBody(weights, probe, resnet.Normalisation);
    }

    private static void WriteProbe(ResNetBackbone body, Recipe recipe, string path, int probeImages, CancellationToken cancellation)
    {
        body.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var data = LoaderLearnerData.Open(recipe.Data, recipe.Seed);
        using var batch = data.Valid().Epoch(0, cancellation).First();
        var images = batch.Inputs.narrow(0, 0, Math.Min(probeImages, batch.Count)).contiguous();
        var features = body.forward(images);
        PyTorchPickler.PickleStateDict(path, new Dictionary<string, Tensor> { ["images"] = images, ["features"] = features });
    }
}
