using Dashboard.Training.Models.Torchvision;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

public sealed class TorchvisionResNetTests
{
    private const int SmallImage = 64;

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pth")]
    public void Saved_weights_load_into_a_fresh_network(string extension)
    {
        using var folder = new TemporaryFolder();
        using var source = TorchvisionWeightsFiles.RandomNetwork("resnet18", seed: 1);
        string path = TorchvisionWeightsFiles.Save(source, folder.Path, extension, withClassifier: true);

        using var loaded = TorchvisionResNet.Load("resnet18", path);

        var expected = source.state_dict();
        var actual = loaded.state_dict();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, entry => Assert.True(entry.Value.allclose(actual[entry.Key], rtol: 0, atol: 0), $"'{entry.Key}' differs"));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        source.eval();
        loaded.eval();
        var rgb = rand(1, 3, SmallImage, SmallImage);
        Assert.True(source.forward(rgb).allclose(loaded.forward(rgb), rtol: 0, atol: 0), "outputs differ");
    }

    [Fact]
    public void Resnet18_weights_do_not_load_into_resnet34()
    {
        using var folder = new TemporaryFolder();
        using var source = TorchvisionResNet.Create("resnet18");
        string path = TorchvisionWeightsFiles.Save(source, folder.Path, ".safetensors");

        var error = Assert.Throws<InvalidDataException>(() => TorchvisionResNet.Load("resnet34", path));

        Assert.Contains(path, error.Message);
        Assert.Contains("resnet34", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Contains("layer1.2.conv1.weight", error.Message);
    }

    [Fact]
    public void Basic_block_weights_do_not_load_into_a_bottleneck_network()
    {
        using var folder = new TemporaryFolder();
        using var source = TorchvisionResNet.Create("resnet18");
        string path = TorchvisionWeightsFiles.Save(source, folder.Path, ".pth");
        using var target = TorchvisionResNet.Create("resnet50");

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        // Key names are checked before shapes: resnet50's conv3 has no counterpart in resnet18.
        Assert.Contains("layer1.0.conv3.weight", error.Message);
    }

    [Fact]
    public void Wrong_shape_under_the_right_key_is_named()
    {
        using var folder = new TemporaryFolder();
        using var source = TorchvisionResNet.Create("resnet18");
        string path = TorchvisionWeightsFiles.Save(source, folder.Path, ".safetensors");
        using (var scope = NewDisposeScope())
        {
            var stateDict = TorchSharp.PyBridge.Safetensors.LoadStateDict(path);
            stateDict["conv1.weight"] = zeros(64, 3, 3, 3);
            TorchSharp.PyBridge.Safetensors.SaveStateDict(path, stateDict);
        }

        var error = Assert.Throws<InvalidDataException>(() => TorchvisionResNet.Load("resnet18", path));

        Assert.Contains("'conv1.weight' has shape (64, 3, 3, 3)", error.Message);
        Assert.Contains("(64, 3, 7, 7)", error.Message);
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void Unreadable_file_is_reported_with_its_path(string extension)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("broken" + extension);
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

        var error = Assert.Throws<InvalidDataException>(() => TorchvisionResNet.Load("resnet18", path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("resnet18", 120, 512)]
    [InlineData("resnet34", 216, 512)]
    [InlineData("resnet50", 318, 2048)]
    public void Keys_are_torchvision_state_dict_keys_without_fc(string architecture, int keyCount, int channels)
    {
        using var network = TorchvisionResNet.Create(architecture);
        var keys = network.state_dict().Keys.ToList();

        Assert.Equal(keyCount, keys.Count); // torchvision's state_dict has these plus fc.weight and fc.bias
        Assert.Contains("bn1.num_batches_tracked", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer4.1.bn2.running_var", keys);
        Assert.Equal(channels, network.FeatureChannels);
        Assert.Equal(architecture, network.Architecture);
    }

    [Fact]
    public void Resnet50_gives_a_2048_channel_feature_map()
    {
        using var network = TorchvisionResNet.Create("resnet50");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();

        var featureMap = network.forward(rand(1, 3, SmallImage, SmallImage));

        Assert.Equal(new long[] { 1, 2048, 2, 2 }, featureMap.shape);
    }

    [Fact]
    public void ImageNet_mean_colour_normalises_to_zero()
    {
        using var network = TorchvisionResNet.Create("resnet18");
        using var scope = NewDisposeScope();
        var meanColour = tensor(new[] { 0.485f, 0.456f, 0.406f }).view(1, 3, 1, 1).expand(1, 3, 2, 2);

        var normalised = network.Normalisation.Apply(meanColour);

        Assert.True(normalised.abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Unknown_architecture_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchvisionResNet.Create("resnet101"));
        Assert.Contains("resnet18, resnet34, resnet50", error.Message);
    }
}
