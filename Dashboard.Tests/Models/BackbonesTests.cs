using Dashboard.Training.Models;
using Dashboard.Training.Models.Onnx;
using Dashboard.Training.Models.Torchvision;

namespace Dashboard.Tests.Models;

public sealed class BackbonesTests
{
    [Fact]
    public void Resnet18_without_weights_is_the_bundled_onnx_import()
    {
        using var backbone = Backbones.Create("resnet18", weightsPath: null);

        Assert.IsType<OnnxResNet18>(backbone);
        Assert.Equal(2, backbone.LayerGroups.Count);
    }

    [Fact]
    public void A_weights_file_gives_the_torchvision_variant_of_that_architecture()
    {
        using var folder = new TemporaryFolder();
        using var source = TorchvisionWeightsFiles.RandomNetwork("resnet34", seed: 3);
        string path = TorchvisionWeightsFiles.Save(source, folder.Path, ".safetensors");

        using var backbone = Backbones.Create("ResNet34", path);

        Assert.IsType<TorchvisionResNet>(backbone);
        Assert.Equal("resnet34", backbone.Architecture);
        Assert.Equal(512, backbone.FeatureChannels);
    }

    [Fact]
    public void Unknown_architecture_names_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Backbones.Create("vgg16", weightsPath: null));

        Assert.Contains("vgg16", error.Message);
        Assert.Contains("resnet18, resnet34, resnet50", error.Message);
    }

    [Fact]
    public void Missing_weights_file_names_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-weights-" + Guid.NewGuid().ToString("N") + ".pth");

        var error = Assert.Throws<FileNotFoundException>(() => Backbones.Create("resnet50", path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Architecture_without_bundled_weights_needs_a_file()
    {
        var error = Assert.Throws<ArgumentException>(() => Backbones.Create("resnet50", weightsPath: null));

        Assert.Contains("resnet50", error.Message);
        Assert.Contains(".safetensors", error.Message);
    }

    [Fact]
    public void Unsupported_weights_extension_is_rejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.h5");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<ArgumentException>(() => Backbones.Create("resnet18", path));

        Assert.Contains(".safetensors", error.Message);
    }
}
