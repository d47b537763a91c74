using Dashboard.Training.Models;
using Dashboard.Training.Models.Onnx.Export;
using Dashboard.Training.Models.Torchvision;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>
/// The exported classifier run by ONNX Runtime gives the TorchSharp model's probabilities (eval mode) on the same batch:
/// max |difference| ≤ 1e-4 and the same top-1 on every image; the file describes itself (input, output, metadata).
/// </summary>
public sealed class OnnxExportTests
{
    private const int Size = 64;
    private const int Images = 6;
    private static readonly string[] Classes = ["cat", "dog", "fox"];

    [Fact]
    public void The_pretrained_resnet18_classifier_exports_with_the_probabilities_onnx_runtime_computes()
    {
        using var model = new TransferModel(Backbones.Create("resnet18"), Classes.Length, new HeadOptions());
        AssertParity(model, "resnet18");
    }

    [Fact]
    public void A_bottleneck_resnet50_with_trained_batchnorm_statistics_exports_with_the_same_probabilities()
    {
        torch.manual_seed(5);
        using var model = new TransferModel(TorchvisionResNet.Create("resnet50"), Classes.Length, new HeadOptions());
        AssertParity(model, "resnet50");
    }

    [Fact]
    public void An_unfrozen_fine_tuned_classifier_exports_with_the_same_probabilities()
    {
        using var fixture = new Learning.LearnerFixture();
        using var learner = new Dashboard.Training.Learning.Learner(Backbones.Create("resnet18"), fixture.Data, fixture.Options, fixture.Events);
        learner.Unfreeze();
        learner.Fit(new Dashboard.Training.Learning.FitRequest([1e-4, 1e-3, 1e-2], cycles: 1));
        AssertParity(learner.Model, "resnet18", warmUp: false);
    }

    [Fact]
    public void The_file_names_its_input_and_output_has_a_dynamic_batch_and_carries_classes_and_size()
    {
        using var model = new TransferModel(Backbones.Create("resnet18"), Classes.Length, new HeadOptions());
        using var session = new InferenceSession(ClassifierOnnxExport.ToBytes(model, new ClassifierExportInfo(Classes, Size, "resnet18")));

        Assert.Equal([ClassifierOnnxExport.InputName], session.InputNames);
        Assert.Equal([ClassifierOnnxExport.OutputName], session.OutputNames);
        Assert.Equal([-1L, 3, Size, Size], session.InputMetadata[ClassifierOnnxExport.InputName].Dimensions.Select(d => (long)d));
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("[\"cat\",\"dog\",\"fox\"]", metadata["classes"]);
        Assert.Equal($"{Size}", metadata["image_size"]);
        Assert.Equal("resnet18", metadata["architecture"]);
    }

    /// <summary>Trains BatchNorm statistics on a few batches (so folding is tested on non-trivial ones), then compares in eval mode.</summary>
    private static void AssertParity(TransferModel model, string architecture, bool warmUp = true)
    {
        torch.manual_seed(9);
        model.train();
        using (no_grad())
            for (int i = 0; i < (warmUp ? 3 : 0); i++)
            {
                using var warm = rand(8, 3, Size, Size);
                model.forward(warm).Dispose();
            }
        model.eval();
        using var images = rand(Images, 3, Size, Size);
        using var logits = model.forward(images);
        using var expected = nn.functional.softmax(logits, 1);

        using var actual = OnnxRuntimeRunner.Run(ClassifierOnnxExport.ToBytes(model, new ClassifierExportInfo(Classes, Size, architecture)), images);

        Assert.Equal(expected.shape, actual.shape);
        // A comparison of near-uniform outputs would prove little: the images must get different, confident answers.
        Assert.True(expected.max().item<float>() - expected.min().item<float>() > 0.2, $"probabilities span only {expected.min().item<float>()}..{expected.max().item<float>()}");
        double difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-4, $"max |difference| {difference:E2}");
        Assert.Equal(expected.argmax(1).data<long>().ToArray(), actual.argmax(1).data<long>().ToArray());
    }
}
