using Dashboard.Training.Models;
using Dashboard.Training.Models.ResNet;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>The imported network against ONNX Runtime running the very same file.</summary>
public sealed class OnnxResNet18ParityTests(OnnxResNet18Fixture fixture, ITestOutputHelper output) : IClassFixture<OnnxResNet18Fixture>
{
    private const float Tolerance = 1e-3f;
    private const int ExporterSize = 224;
    private const ulong Seed = 20240611;

    [Fact]
    public void Pooled_512d_output_matches_onnx_runtime_at_224()
    {
        using var scope = NewDisposeScope();
        var preprocessed = RandomPreprocessedImage(ExporterSize);

        var expected = OnnxRuntimeRunner.Run(OnnxResNet18Fixture.ModelPath, preprocessed).flatten(1);
        var actual = Run(() => ResNetBackbone.GlobalAveragePool(fixture.Model.ForwardBody(preprocessed)));

        Assert.Equal(new long[] { 1, 512 }, actual.shape);
        AssertClose(expected, actual, "pooled 512-d output, 224×224");
    }

    [Theory]
    [InlineData(96)]
    [InlineData(160)]
    public void Feature_map_matches_onnx_runtime_at_other_sizes(int size)
    {
        using var scope = NewDisposeScope();
        var preprocessed = RandomPreprocessedImage(size);

        var expected = OnnxRuntimeRunner.Run(OnnxGraphEdits.FeatureMapModel(OnnxResNet18Fixture.ModelPath), preprocessed);
        var actual = Run(() => fixture.Model.ForwardBody(preprocessed));

        Assert.Equal(expected.shape, actual.shape);
        AssertClose(expected, actual, $"feature map ({string.Join("×", actual.shape)}), {size}×{size}");
    }

    [Theory]
    [InlineData(64, 2)]
    [InlineData(96, 3)]
    [InlineData(100, 4)] // the ONNX graph itself fails here (its stride-2 pads misalign the Add); torch pads symmetrically
    [InlineData(224, 7)]
    public void Forward_gives_the_last_feature_map_at_any_size(int size, int expectedSide)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(Seed);
        var rgb = rand([2, 3, size, size], generator: generator);

        var featureMap = Run(() => fixture.Model.forward(rgb));

        Assert.Equal(new long[] { 2, fixture.Model.FeatureChannels, expectedSide, expectedSide }, featureMap.shape);
        Assert.Equal(512, fixture.Model.FeatureChannels);
    }

    /// <summary>RGB noise in [0, 1] through the model's own normalisation: BGR, 0–255, minus channel means.</summary>
    private Tensor RandomPreprocessedImage(int size)
    {
        using var generator = new Generator(Seed);
        return fixture.Model.Normalisation.Apply(rand([1, 3, size, size], generator: generator));
    }

    private static Tensor Run(Func<Tensor> forward)
    {
        using var noGrad = no_grad();
        return forward();
    }

    private void AssertClose(Tensor expected, Tensor actual, string what)
    {
        float maxAbsDiff = (expected - actual).abs().max().item<float>();
        float largest = expected.abs().max().item<float>();
        output.WriteLine($"{what}: max |ONNX Runtime − TorchSharp| = {maxAbsDiff:E3} (largest |value| {largest:F3})");
        Assert.True(maxAbsDiff <= Tolerance, $"{what}: max abs diff {maxAbsDiff} > {Tolerance}");
    }
}
