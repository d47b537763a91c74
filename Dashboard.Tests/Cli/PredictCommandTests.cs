using System.Text.Json;
using Dashboard.Cli;
using Dashboard.Tests.Data;
using Dashboard.Tests.Learning;
using Dashboard.Training.Learning;
using Dashboard.Training.Learning.Prediction;

namespace Dashboard.Tests.Cli;

/// <summary><c>predict</c>: one CSV line per image found, unreadable files listed with their error, usage errors exit 2.</summary>
public sealed class PredictCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_folder_and_a_file_give_one_csv_line_per_image_with_top_classes_and_errors()
    {
        var (learner, _, checkpoint) = ImagePredictorTests.TrainAndSave(temp);
        learner.Dispose();
        var broken = temp.File("extra", "broken.png");
        File.WriteAllText(broken, "not an image");
        File.WriteAllText(temp.File("valid", "notes.txt"), "ignored: not an image extension");
        var (csv, output, error) = (temp.File("predictions.csv"), new StringWriter(), new StringWriter());

        int exitCode = await CommandLine.InvokeAsync(["predict", "--model", checkpoint, "--images", temp.File("valid"), broken, "--out", csv, "--top", "2"], output, error);

        Assert.True(exitCode == 0, error.ToString());
        var lines = File.ReadAllLines(csv);
        Assert.Equal("file,label,probability,top,error", lines[0]);
        Assert.Equal(6 + 1, lines.Length - 1); // 3 classes × 2 valid images, and the broken file
        foreach (var line in lines[1..^1])
        {
            var top = JsonDocument.Parse(CsvTopField(line)).RootElement;
            Assert.Equal(2, top.GetArrayLength());
            Assert.Contains(top[0].GetProperty("label").GetString(), new[] { "apple", "berry", "cherry" });
        }
        Assert.StartsWith(broken + ",,,,", lines[^1]);
        Assert.Contains($"skipped {broken}", error.ToString());
        Assert.Contains("6 of 7 images classified", output.ToString());
    }

    [Fact]
    public async Task Tta_lines_carry_the_predictors_tta_probabilities()
    {
        var (learner, _, checkpoint) = ImagePredictorTests.TrainAndSave(temp);
        learner.Dispose();
        var csv = temp.File("tta.csv");

        int exitCode = await CommandLine.InvokeAsync(["predict", "--model", checkpoint, "--images", temp.File("valid"), "--out", csv, "--tta"], new StringWriter(), new StringWriter());

        Assert.Equal(0, exitCode);
        var lines = File.ReadAllLines(csv)[1..];
        using var saved = SavedClassifier.Open(checkpoint);
        var files = lines.Select(line => line.Split(',')[0]).ToArray();
        var (tta, plain) = (ImagePredictor.Predict(saved, files, new PredictOptions { Tta = true }), ImagePredictor.Predict(saved, files, new PredictOptions()));
        for (int i = 0; i < lines.Length; i++)
            Assert.Equal(tta[i].Predictions[0].Probability, double.Parse(lines[i].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture), 1e-5);
        Assert.Contains(Enumerable.Range(0, files.Length), i => Math.Abs(tta[i].Predictions[0].Probability - plain[i].Predictions[0].Probability) > 1e-4);
    }

    [Theory]
    [InlineData(new[] { "--model", "m.ckpt", "--out", "p.csv" }, "Option '--images' is required")]
    [InlineData(new[] { "--model", "m.ckpt", "--images", "/nonexistent/dir", "--out", "p.csv" }, "no such file or folder: /nonexistent/dir")]
    [InlineData(new[] { "--model", "m.ckpt", "--images", "/tmp", "--out", "p.csv", "--top", "0" }, "--top must be a whole number from 1 to 1024, not 0")]
    public async Task Usage_errors_exit_2_with_a_message(string[] args, string message)
    {
        var error = new StringWriter();
        Assert.Equal(2, await CommandLine.InvokeAsync(["predict", .. args], new StringWriter(), error));
        Assert.Contains(message, error.ToString());
    }

    /// <summary>The quoted JSON field of a line whose file name has no comma.</summary>
    private static string CsvTopField(string line)
    {
        int start = line.IndexOf(",\"", StringComparison.Ordinal) + 2, end = line.LastIndexOf("\",", StringComparison.Ordinal);
        return line[start..end].Replace("\"\"", "\"", StringComparison.Ordinal);
    }
}
