using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Tests.Learning;
using Dashboard.Training.Data;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Server;

/// <summary>
/// <c>POST /api/runs/{id}/predict</c> on a run trained on the demo dataset: the probabilities the learner's own validation
/// gives for the same files; uploads over the limit, non-images and runs without weights refused with a reason.
/// </summary>
public sealed class PredictEndpointTests : IClassFixture<PredictEndpointTests.TrainedRun>
{
    private readonly TrainedRun trained;

    public PredictEndpointTests(TrainedRun trained) => this.trained = trained;

    /// <summary>One server with a demo run that saved "head" (32 px), shared by the tests; uploads limited to 1 MB.</summary>
    public sealed class TrainedRun : IAsyncLifetime
    {
        public DashboardHost Host { get; private set; } = null!;
        public string RunId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Limits:MaxUploadMB"] = "1" });
            using var client = Host.Client();
            RunId = await ApiWaits.FinishedRunAsync(client, TinyRecipes.SavesHead);
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task Uploaded_files_get_the_probabilities_the_learners_validation_gives_them()
    {
        var (files, validation) = LearnerValidation(count: 3);
        using var client = trained.Host.Client();
        using var form = new MultipartFormDataContent();
        foreach (var file in files) form.Add(new ByteArrayContent(File.ReadAllBytes(file)), "images", Path.GetFileName(file));

        var response = await client.PostAsync($"/api/runs/{trained.RunId}/predict", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(files.Length, answers.GetArrayLength());
        for (int i = 0; i < files.Length; i++) AssertSameProbabilities(answers[i], Path.GetFileName(files[i]), validation[i]);
    }

    [Fact]
    public async Task Paths_inside_the_data_get_the_same_answer_and_tta_averages_views()
    {
        var (files, validation) = LearnerValidation(count: 2);
        using var client = trained.Host.Client();

        var plain = await (await client.PostAsJsonAsync($"/api/runs/{trained.RunId}/predict?checkpoint=head", files)).Content.ReadFromJsonAsync<JsonElement>();
        var tta = await (await client.PostAsJsonAsync($"/api/runs/{trained.RunId}/predict?tta=true", files)).Content.ReadFromJsonAsync<JsonElement>();

        for (int i = 0; i < files.Length; i++) AssertSameProbabilities(plain[i], files[i], validation[i]);
        Assert.NotEqual(Top(plain[0]).Probability, Top(tta[0]).Probability);
    }

    [Fact]
    public async Task An_oversized_upload_and_a_non_image_are_refused_saying_why()
    {
        var before = UploadFolders();
        using var client = trained.Host.Client();
        using var large = new MultipartFormDataContent { { new ByteArrayContent(new byte[1_200_000]), "images", "big.png" } };
        using var text = new MultipartFormDataContent { { new StringContent("just text, named like a picture"), "images", "cat.png" } };

        var tooLarge = await client.PostAsync($"/api/runs/{trained.RunId}/predict", large);
        var notImage = await client.PostAsync($"/api/runs/{trained.RunId}/predict", text);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("larger than 1 MB", await Detail(tooLarge));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notImage.StatusCode);
        Assert.Contains("cat.png is not an image", await Detail(notImage));
        Assert.Empty(UploadFolders().Except(before)); // each request's temporary folder is gone
    }

    [Fact]
    public async Task A_run_without_weights_is_409_and_a_path_outside_the_data_400()
    {
        using var client = trained.Host.Client();
        var stored = trained.Host.Get<RunStore>().Create("never ran", TinyRecipes.Quick);

        var noWeights = await client.PostAsJsonAsync($"/api/runs/{stored.Id}/predict", new[] { "/etc/passwd" });
        var outside = await client.PostAsJsonAsync($"/api/runs/{trained.RunId}/predict", new[] { "/etc/passwd" });

        Assert.Equal(HttpStatusCode.Conflict, noWeights.StatusCode);
        Assert.Contains("no saved weights", await Detail(noWeights));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("$[0]", await Detail(outside));
    }

    [Theory]
    [InlineData("tiny", "other-arch", "holds tiny weights; run")]
    [InlineData("resnet18", "other-classes", "was trained for classes [cat, dog]; run")]
    public async Task A_checkpoint_of_another_architecture_or_class_list_is_refused_naming_both(string architecture, string name, string message)
    {
        using var client = trained.Host.Client();
        var path = Checkpoints.PathFor(trained.Host.Get<DashboardPaths>().ModelsFolderOf(trained.RunId), name);
        using (var model = new TransferModel(new TinyBackbone(), 2, new HeadOptions()))
            Checkpoints.Save(path, model, new CheckpointInfo(architecture, ["cat", "dog"], 1, DateTimeOffset.UtcNow));
        try
        {
            var response = await client.PostAsJsonAsync($"/api/runs/{trained.RunId}/predict?checkpoint={name}", new[] { Path.Combine(DemoDataset.Path, "valid", "bag", "0000.png") });

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains(message, await Detail(response));
        }
        finally { File.Delete(path); } // the other tests predict with the run's latest checkpoint
    }

    private static string[] UploadFolders() => Directory.GetDirectories(Path.GetTempPath(), "dashboard-predict-*");

    private static (string Label, double Probability) Top(JsonElement answer)
    {
        var first = answer.GetProperty("predictions")[0];
        return (first.GetProperty("label").GetString()!, first.GetProperty("probability").GetDouble());
    }

    private void AssertSameProbabilities(JsonElement answer, string file, (IReadOnlyList<string> Classes, float[] Row) expected)
    {
        Assert.Equal(file, answer.GetProperty("file").GetString());
        var predictions = answer.GetProperty("predictions");
        Assert.Equal(5, predictions.GetArrayLength());
        foreach (var p in predictions.EnumerateArray())
        {
            int c = expected.Classes.ToList().IndexOf(p.GetProperty("label").GetString()!);
            Assert.Equal(expected.Row[c], p.GetProperty("probability").GetDouble(), 1e-5);
        }
        Assert.Equal(expected.Row.Max(), Top(answer).Probability, 1e-5);
    }

    /// <summary>The first validation files of the demo set and the learner's probabilities for them, with the run's checkpoint loaded.</summary>
    private (string[] Files, (IReadOnlyList<string> Classes, float[] Row)[] Rows) LearnerValidation(int count)
    {
        var models = trained.Host.Get<DashboardPaths>().ModelsFolderOf(trained.RunId);
        var data = new LoaderLearnerData(DatasetLocator.Open(DemoDataset.Name), new RecipeData(DemoDataset.Name, Size: 32, BatchSize: 64), seed: 0);
        using var learner = new Learner(Backbones.Create("resnet18"), data, new LearnerOptions { ModelsFolder = models, ActivationCacheFolder = Path.Combine(trained.Host.DataFolder, "test-cache") }, new RecordingEventSink());
        learner.Load("head");
        var validation = learner.PredictValid();
        return (Enumerable.Range(0, count).Select(data.DescribeValidItem).ToArray(),
            Enumerable.Range(0, count).Select(i => (data.Classes, validation.Probabilities[i])).ToArray());
    }

    private static async Task<string> Detail(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }
}
