using Dashboard.Training.Models;
using Dashboard.Training.Models.ResNet;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>What the import reads from the files: structure, names, normalisation, layer groups.</summary>
public sealed class OnnxResNet18ImportTests(OnnxResNet18Fixture fixture, ITestOutputHelper output) : IClassFixture<OnnxResNet18Fixture>
{
    private const int ExporterSize = 224;
    private const float MeanTolerance = 0.01f;
    private const double MinimumCosineSimilarity = 0.999;

    [Fact]
    public void Structure_is_read_from_the_graph_with_torchvision_names()
    {
        var model = fixture.Model;
        Assert.Equal("resnet18", model.Architecture);
        Assert.Equal(new[] { 2, 2, 2, 3 }, model.Layout.BlocksPerStage); // CNTK's export has a 3rd block in layer4
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.Contains("conv1.weight", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer4.2.bn2.running_var", keys);
        Assert.DoesNotContain(keys, key => key.StartsWith("fc.", StringComparison.Ordinal));
    }

    [Fact]
    public void Mean_image_reduces_to_bgr_channel_means()
    {
        var mean = fixture.Model.Normalisation.Mean;
        output.WriteLine($"BGR channel means: {string.Join(", ", mean)}");
        Assert.True(fixture.Model.Normalisation.ReverseChannels);
        Assert.Equal(byte.MaxValue, fixture.Model.Normalisation.Scale);
        Assert.Equal(103.0626f, mean[0], MeanTolerance);
        Assert.Equal(115.9029f, mean[1], MeanTolerance);
        Assert.Equal(123.1516f, mean[2], MeanTolerance);
    }

    [Fact]
    public void Channel_means_stay_close_to_ml_net_mean_image_preprocessing()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 7);
        // A smooth image (upsampled coarse noise) rather than per-pixel noise: closer to a photograph.
        var coarse = rand([1, 3, 14, 14], generator: generator);
        var rgb = nn.functional.interpolate(coarse, [ExporterSize, ExporterSize], mode: InterpolationMode.Bilinear);

        var preprocessed = OnnxRuntimeRunner.Run(PretrainedFiles.ResNetPreprocessOnnx, rgb * byte.MaxValue);
        var expected = OnnxRuntimeRunner.Run(PretrainedFiles.ResNet18Onnx, preprocessed).flatten(1);
        using var noGrad = no_grad();
        var actual = fixture.Model.PooledFeatures(rgb);

        float cosine = nn.functional.cosine_similarity(expected, actual).item<float>();
        output.WriteLine($"ML.NET (mean image) vs channel means: cosine {cosine:F6}, max abs diff {(expected - actual).abs().max().item<float>():F4}");
        Assert.True(cosine >= MinimumCosineSimilarity, $"cosine similarity {cosine}");
    }

    [Fact]
    public void Layer_groups_split_the_parameters_into_early_and_late_body()
    {
        var model = fixture.Model;
        Assert.Equal(2, model.LayerGroups.Count);
        Assert.Equal(model.parameters().Count(), model.LayerGroups.Sum(group => group.parameters().Count()));
        try
        {
            foreach (var parameter in model.LayerGroups[0].parameters())
                parameter.requires_grad = false; // freezing the early group, as the learner will

            var frozen = model.named_parameters().Where(named => !named.parameter.requires_grad)
                              .Select(named => named.name.Split('.')[0]).Distinct().Order();
            Assert.Equal(new[] { "bn1", "conv1", "layer1", "layer2" }, frozen);
        }
        finally
        {
            foreach (var parameter in model.parameters())
                parameter.requires_grad = true;
        }
    }

    [Fact]
    public void Missing_pretrained_file_names_the_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => PretrainedFiles.Locate("NoSuchModel.onnx"));
        Assert.Contains(Path.Combine(PretrainedFiles.Folder, "NoSuchModel.onnx"), error.Message);
    }

    [Fact]
    public void Input_that_is_not_rgb_is_rejected()
    {
        using var gray = zeros(1, 1, 32, 32);
        var error = Assert.Throws<ArgumentException>(() => fixture.Model.forward(gray));
        Assert.Contains("(1, 1, 32, 32)", error.Message);
    }
}
