using System.Text.Json;
using Dashboard.Bench;
using Dashboard.Bench.Accuracy;
using Dashboard.Tests.Data;
using Dashboard.Training.Precision;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Bench;

/// <summary>
/// <c>bench accuracy</c> end to end on a tiny generated dataset (3 classes of noisy JPEGs, 32 px, the short recipe):
/// both sides train, the JSON has every key, the PyTorch body reproduces ours, the reference schedule is fastai 0.7's.
/// </summary>
public sealed class AccuracyBenchTests : IDisposable
{
    private const int TrainPerClass = 8;
    private const int ValidPerClass = 4;
    private const int BatchSize = 8; // 24 training images: 3 batches per epoch
    private static readonly string[] Keys =
    [
        "oursAccuracy", "pytorchAccuracy", "oursTtaAccuracy", "pytorchTtaAccuracy", "oursStageAccuracy", "pytorchStageAccuracy",
        "oursSeconds", "pytorchSeconds", "size", "batchSize", "dataset", "date", "featureMaxAbsDiff", "pytorchWeightDecay",
    ];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [PytorchFact]
    public async Task Short_run_trains_both_sides_and_writes_every_key()
    {
        var (data, json, output, error) = (Dataset(), temp.File("accuracy.json"), new StringWriter(), new StringWriter());

        bool bf16 = new PrecisionHardware(OnCuda: false, PrecisionHardware.ReadCpuFlags()).CpuHasBf16;

        int exitCode = await BenchCommandLine.InvokeAsync(["bench", "accuracy", "--data", data, "--size", "32", "--batch-size", $"{BatchSize}", "--short", "--with-bf16", "--out", json], output, error);

        if (!bf16)
        {
            Assert.Equal(1, exitCode);
            Assert.Contains("not bf16", error.ToString());
            return;
        }
        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        foreach (var key in Keys) Assert.True(root.TryGetProperty(key, out _), $"no {key}");
        foreach (var key in new[] { "oursAccuracy", "pytorchAccuracy", "oursTtaAccuracy", "pytorchTtaAccuracy" })
            Assert.InRange(root.GetProperty(key).GetDouble(), 0, 1);
        foreach (var key in new[] { "oursStageAccuracy", "pytorchStageAccuracy" })
            Assert.All(Stages(root, key), accuracy => Assert.InRange(accuracy, 0, 1));
        Assert.Equal(3, Stages(root, "oursStageAccuracy").Count);
        Assert.Equal(3, Stages(root, "pytorchStageAccuracy").Count);
        Assert.Equal(0, root.GetProperty("pytorchWeightDecay").GetDouble());
        Assert.True(root.GetProperty("featureMaxAbsDiff").GetDouble() <= 1e-3 * root.GetProperty("featureMaxAbs").GetDouble());
        Assert.Contains("| final (last epoch) |", output.ToString());
        Assert.Contains("ours bf16 | bf16 − fp32 |", output.ToString());
        Assert.InRange(root.GetProperty("oursBf16Accuracy").GetDouble(), 0, 1);
        Assert.Equal(3, Stages(root, "oursBf16StageAccuracy").Count);
        Assert.False(root.GetProperty("recipe").TryGetProperty("precision", out _), "the recipe both sides share is fp32's");
    }

    [PytorchFact]
    public async Task The_reference_follows_fastai_07s_constant_rate_and_CosAnneal_with_its_warm_up()
    {
        var (data, json) = (Dataset(), temp.File("accuracy.json"));

        Assert.Equal(0, await BenchCommandLine.InvokeAsync(["bench", "accuracy", "--data", data, "--size", "32", "--batch-size", $"{BatchSize}", "--short", "--out", json], TextWriter.Null));

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var rates = document.RootElement.GetProperty("pytorchHeadLearningRates").EnumerateArray()
            .Select(fit => fit.EnumerateArray().Select(rate => rate.GetDouble()).ToArray()).ToArray();
        Assert.Equal([0.01, 0.01, 0.01], rates[0]); // fit(1e-2, 1): no cycle_len, the rate stays
        // fit(1e-2, 1, cycle_len=1), nb = 3 batches: iteration 0 < nb/20 runs at lr/100, then lr/2 (cos(pi i/nb) + 1)
        double[] cosAnneal = [0.01 / 100, 0.005 * (Math.Cos(Math.PI / 3) + 1), 0.005 * (Math.Cos(2 * Math.PI / 3) + 1)];
        Assert.Equal(cosAnneal, rates[1], (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(cosAnneal, rates[2], (a, b) => Math.Abs(a - b) < 1e-12); // the head's rate is 1e-2 in the unfrozen fit too
    }

    [PytorchFact]
    public void The_feature_check_fails_when_the_input_convention_differs()
    {
        var options = new AccuracyOptions(Dataset()) { Size = 32, BatchSize = BatchSize, Short = true };
        var recipeJson = LessonRecipe.Json(options);
        var recipePath = temp.File("recipe.json");
        File.WriteAllText(recipePath, recipeJson);
        var body = BodyExport.Write(RecipeParser.Parse(recipeJson), temp.Path, options.ProbeImages, CancellationToken.None);
        var rgbInsteadOfBgr = body with { Normalisation = body.Normalisation with { ReverseChannels = !body.Normalisation.ReverseChannels } };
        var script = BenchScript.Locate(null, AccuracyOptions.ScriptRelativePath)!;

        var failure = Assert.Throws<AccuracyBenchException>(() => PytorchLesson.Run(options, script, recipePath, rgbInsteadOfBgr, ThreadPlan.For(2), TextWriter.Null));

        Assert.Contains("does not reproduce the dashboard's features", failure.Message);
    }

    [Fact]
    public async Task A_missing_data_folder_is_an_error_naming_it()
    {
        var error = new StringWriter();
        var missing = Path.Combine(temp.Path, "no-such-dataset");

        int exitCode = await BenchCommandLine.InvokeAsync(["bench", "accuracy", "--data", missing, "--short"], TextWriter.Null, error);

        Assert.Equal(1, exitCode);
        Assert.Contains(missing, error.ToString());
        Assert.Contains("no such folder", error.ToString());
    }

    [Fact]
    public async Task Without_torch_it_says_pytorch_is_unavailable_and_fails()
    {
        var error = new StringWriter();
        var withoutTorch = PythonWithoutTorch();

        int exitCode = await BenchCommandLine.InvokeAsync(["bench", "accuracy", "--data", Dataset(), "--short", "--python", withoutTorch], TextWriter.Null, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("PyTorch unavailable", error.ToString());
        Assert.Contains("torch", error.ToString());
    }

    [Fact]
    public async Task Without_an_interpreter_it_says_pytorch_is_unavailable_and_fails()
    {
        var error = new StringWriter();

        int exitCode = await BenchCommandLine.InvokeAsync(["bench", "accuracy", "--data", Dataset(), "--short", "--python", Path.Combine(temp.Path, "no-python")], TextWriter.Null, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("PyTorch unavailable", error.ToString());
    }

    private static IReadOnlyList<double> Stages(JsonElement root, string key) =>
        root.GetProperty(key).EnumerateArray().Select(value => value.GetDouble()).ToArray();

    /// <summary>train/ and valid/ with three classes of noisy JPEGs around a different colour each.</summary>
    private string Dataset()
    {
        Rgb24[] colours = [new(200, 40, 40), new(40, 200, 40), new(40, 40, 200)];
        var random = new Random(7);
        foreach (var (split, count) in new[] { ("train", TrainPerClass), ("valid", ValidPerClass) })
            for (int c = 0; c < colours.Length; c++)
                for (int i = 0; i < count; i++)
                    NoisyJpeg(temp.File("data", split, $"class{c}", $"{i:D3}.jpg"), colours[c], random);
        return Path.Combine(temp.Path, "data");
    }

    private static void NoisyJpeg(string path, Rgb24 colour, Random random)
    {
        using var image = TestImages.Solid(48, 40, colour);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                TestImages.Set(image, x, y, new Rgb24(Jitter(colour.R, random), Jitter(colour.G, random), Jitter(colour.B, random)));
        TestImages.Save(image, path, SkiaSharp.SKEncodedImageFormat.Jpeg, quality: 75);
    }

    private static byte Jitter(byte value, Random random) => (byte)Math.Clamp(value + random.Next(-50, 51), 0, 255);

    /// <summary>An interpreter whose <c>import torch</c> fails: the real one with a stand-in torch package first on the path.</summary>
    private string PythonWithoutTorch()
    {
        File.WriteAllText(temp.File("no-torch", "torch", "__init__.py"), "raise ImportError(\"No module named 'torch' (stand-in)\")\n");
        var python = temp.File("python-without-torch");
        File.WriteAllText(python, $"#!/bin/sh\nPYTHONPATH='{Path.Combine(temp.Path, "no-torch")}' exec {BenchOptions.DefaultPython} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return python;
    }
}
