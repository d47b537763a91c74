using Dashboard.Tests.Data;
using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Prediction;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Learning;

/// <summary>Predicting files with a reopened checkpoint gives what the learner's validation gives on the same files.</summary>
public sealed class ImagePredictorTests : IDisposable
{
    private static readonly string[] Classes = ["apple", "berry", "cherry"];
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A ResNet-18 fitted one epoch on three classes of 32 px images, saved as "fruit".</summary>
    internal static (Learner Learner, LoaderLearnerData Data, string Checkpoint) TrainAndSave(TempFolder temp)
    {
        var root = ImageFolders.Create(temp, Classes, trainPerClass: 4, validPerClass: 2);
        var data = new LoaderLearnerData(DatasetLocator.Open(root), new RecipeData(root, Size: 32, BatchSize: 4), seed: 0);
        var options = new LearnerOptions { ModelsFolder = temp.File("models"), ActivationCacheFolder = temp.File("cache") };
        var learner = new Learner(Backbones.Create("resnet18"), data, options, new RecordingEventSink());
        learner.Fit(new FitRequest(0.01));
        return (learner, data, learner.Save("fruit"));
    }

    [Fact]
    public void Predictions_from_a_saved_checkpoint_match_the_learners_validation_file_by_file()
    {
        var (learner, data, path) = TrainAndSave(temp);
        using var owned = learner;
        var validation = learner.PredictValid();
        var files = Enumerable.Range(0, validation.Targets.Length).Select(data.DescribeValidItem).ToArray();

        using var saved = SavedClassifier.Open(path);
        var predictions = ImagePredictor.Predict(saved, [.. files, temp.File("missing.png")], new PredictOptions { BatchSize = 4 });

        for (int i = 0; i < files.Length; i++)
        {
            var prediction = predictions[i];
            Assert.Equal(files[i], prediction.File);
            Assert.Equal(Classes.Length, prediction.Predictions.Count); // top 5 of 3 classes
            Assert.Equal(Classes[validation.PredictedClass(i)], prediction.Predictions[0].Label);
            Assert.Equal(validation.Probabilities[i].Max(), prediction.Predictions[0].Probability, 1e-5);
            Assert.Equal(1.0, prediction.Predictions.Sum(p => p.Probability), 1e-5);
            Assert.True(prediction.Predictions.Zip(prediction.Predictions.Skip(1)).All(pair => pair.First.Probability >= pair.Second.Probability));
        }
        Assert.Empty(predictions[^1].Predictions);
        Assert.NotNull(predictions[^1].Error);
    }

    [Fact]
    public void Tta_from_a_saved_checkpoint_is_the_learners_tta_with_the_recorded_augmentation()
    {
        var (learner, data, path) = TrainAndSave(temp);
        using var owned = learner;
        var (plain, tta) = learner.Tta();
        var files = Enumerable.Range(0, tta.Targets.Length).Select(data.DescribeValidItem).ToArray();

        using var saved = SavedClassifier.Open(path);
        var predictions = ImagePredictor.Predict(saved, files, new PredictOptions { BatchSize = 4, Tta = true });

        Assert.Equal(new Dashboard.Training.Data.Augment.AugmentationSetting("side_on", 1.1), saved.Info.Augmentation);
        for (int i = 0; i < files.Length; i++)
        {
            foreach (var p in predictions[i].Predictions)
                Assert.Equal(tta.Probabilities[i][Array.IndexOf(Classes, p.Label)], p.Probability, 1e-5);
        }
        Assert.Contains(Enumerable.Range(0, files.Length), i => Math.Abs(tta.Probabilities[i].Max() - plain.Probabilities[i].Max()) > 1e-4); // the views differ
    }
}
