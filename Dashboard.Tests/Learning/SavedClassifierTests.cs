using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Models.ResNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>A checkpoint opens on its own (fastai's <c>load_learner</c>): same classes, same outputs, no dataset or pretrained file.</summary>
public sealed class SavedClassifierTests : IDisposable
{
    private readonly LearnerFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void A_saved_resnet_classifier_reopens_with_its_classes_normalisation_and_the_same_outputs()
    {
        using var learner = new Learner(Backbones.Create("resnet18"), fixture.Data, fixture.Options, fixture.Events);
        learner.Fit(new FitRequest(0.01)); // the head and the BatchNorm statistics move away from their initial values
        var path = learner.Save("exported");

        using var saved = SavedClassifier.Open(path);

        Assert.Equal(fixture.Data.Classes, saved.Info.Classes);
        Assert.Equal("fp32", saved.Info.Precision);
        var normalisation = ((ResNetBackbone)learner.Model.Body).Normalisation;
        Assert.Equal((normalisation.ReverseChannels, normalisation.Scale), (saved.Info.Normalisation!.ReverseChannels, saved.Info.Normalisation.Scale));
        Assert.Equal(normalisation.Mean, saved.Info.Normalisation.Mean);
        torch.manual_seed(3);
        using var images = rand(4, 3, 32, 32);
        learner.Model.eval();
        using var expected = learner.Model.forward(images);
        using var actual = saved.Model.forward(images);
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_checkpoint_without_a_recorded_normalisation_is_refused_with_what_to_do()
    {
        var path = Path.Combine(fixture.Folder, "old.ckpt");
        Checkpoints.Save(path, fixture.Learner.Model, new CheckpointInfo("resnet18", fixture.Data.Classes, 1, DateTimeOffset.UtcNow));

        var error = Assert.Throws<InvalidDataException>(() => SavedClassifier.Open(path));

        Assert.Contains("save it again", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named() =>
        Assert.Contains("nope.ckpt", Assert.Throws<FileNotFoundException>(() => SavedClassifier.Open(Path.Combine(fixture.Folder, "nope.ckpt"))).Message);
}
