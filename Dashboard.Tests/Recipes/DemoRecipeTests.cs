using Dashboard.Training.Data;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;
using TorchSharp;

namespace Dashboard.Tests.Recipes;

/// <summary>The real thing, small: pretrained ONNX ResNet-18, the committed demo dataset, the real loader.</summary>
public class DemoRecipeTests
{
    private const string Recipe = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64, "augment": "side_on" },
          "arch": "resnet18", "precompute": true, "seed": 1,
          "steps": [ {"lrFind": {"maxIterations": 15}}, {"fit": {"lr": 0.01, "cycles": 2, "cycleLen": 1}},
                     {"precompute": false}, {"fit": {"lr": 0.005, "cycles": 1}}, {"tta": true} ] }
        """;

    [Fact]
    public void The_pretrained_body_learns_the_demo_dataset_quickly()
    {
        var folder = Directory.CreateTempSubdirectory("demo-recipe-").FullName;
        try
        {
            var environment = new RecipeEnvironment(LoaderLearnerData.Open, Backbones.Create,
                new LearnerOptions { ModelsFolder = Path.Combine(folder, "models"), ActivationCacheFolder = Path.Combine(folder, "cache") }, torch.CPU);
            var events = new RecordingEventSink();

            var result = new RecipeRunner(environment).Run(RecipeParser.Parse(Recipe), events);

            Assert.Equal(15, result.LrFind!.LearningRates.Count);
            Assert.Equal(3, result.Epochs.Count);
            Assert.True(result.Epochs[1].Accuracy > 0.6, $"precomputed head accuracy {result.Epochs[1].Accuracy}");
            Assert.True(result.Final.TtaAccuracy > 0.5, $"TTA accuracy {result.Final.TtaAccuracy}");
            var started = events.Events.OfType<RunStarted>().Single();
            Assert.Equal((1000, 300, 10), (started.TrainCount, started.ValidCount, started.Classes.Count));
            Assert.Equal(300, events.Events.OfType<ConfusionMatrixComputed>().Single().Counts.Sum(r => r.Sum()));
            Assert.Contains(events.Events.OfType<TopLossesComputed>().Single().Items, t => t.Item.EndsWith(".png"));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void A_missing_dataset_path_fails_with_the_path_named()
    {
        var error = Assert.Throws<DatasetException>(() => LoaderLearnerData.Open(new RecipeData("/no/such/folder"), 0));
        Assert.Contains("/no/such/folder", error.Message);
    }
}
