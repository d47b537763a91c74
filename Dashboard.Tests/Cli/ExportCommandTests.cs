using Dashboard.Cli;
using Dashboard.Tests.Learning;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Models.Onnx.Export;
using Microsoft.ML.OnnxRuntime;

namespace Dashboard.Tests.Cli;

/// <summary><c>export --model CKPT --out FILE.onnx</c>: a file ONNX Runtime opens, at the trained size unless told; clear errors and exit codes.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly LearnerFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private string SavedResNet()
    {
        using var learner = new Learner(Backbones.Create("resnet18"), fixture.Data, fixture.Options, fixture.Events);
        return learner.Save("for-export");
    }

    [Fact]
    public async Task A_checkpoint_exports_at_its_trained_size_and_onnx_runtime_reads_the_classes()
    {
        var (model, onnx, output, error) = (SavedResNet(), Path.Combine(fixture.Folder, "model.onnx"), new StringWriter(), new StringWriter());

        Assert.Equal(0, await CommandLine.InvokeAsync(["export", "--model", model, "--out", onnx], output, error));

        using var session = new InferenceSession(onnx);
        Assert.Equal(16, session.InputMetadata[ClassifierOnnxExport.InputName].Dimensions[2]); // SyntheticLearnerData's size
        Assert.Equal("[\"class0\",\"class1\",\"class2\"]", session.ModelMetadata.CustomMetadataMap["classes"]);
        Assert.Contains("3 classes, input 16×16", output.ToString());
    }

    [Fact]
    public async Task Size_overrides_the_trained_one()
    {
        var onnx = Path.Combine(fixture.Folder, "model64.onnx");
        Assert.Equal(0, await CommandLine.InvokeAsync(["export", "--model", SavedResNet(), "--out", onnx, "--size", "64"], new StringWriter(), new StringWriter()));
        using var session = new InferenceSession(onnx);
        Assert.Equal(64, session.InputMetadata[ClassifierOnnxExport.InputName].Dimensions[3]);
    }

    [Theory]
    [InlineData(new[] { "--out", "x.onnx" }, 2, "Option '--model' is required")]
    [InlineData(new[] { "--model", "m.ckpt", "--out", "x.onnx", "--size", "9" }, 2, "--size must be")]
    [InlineData(new[] { "--model", "/nonexistent/m.ckpt", "--out", "x.onnx" }, 1, "no checkpoint at /nonexistent/m.ckpt")]
    public async Task Bad_arguments_and_missing_files_get_a_message_and_an_exit_code(string[] args, int exitCode, string message)
    {
        var error = new StringWriter();
        Assert.Equal(exitCode, await CommandLine.InvokeAsync(["export", .. args], new StringWriter(), error));
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public async Task A_checkpoint_of_a_body_that_is_not_a_resnet_is_refused_by_name()
    {
        var model = fixture.Learner.Save("tiny");
        var error = new StringWriter();
        Assert.Equal(1, await CommandLine.InvokeAsync(["export", "--model", model, "--out", Path.Combine(fixture.Folder, "t.onnx")], new StringWriter(), error));
        Assert.Contains("only ResNet", error.ToString());
        Assert.False(File.Exists(Path.Combine(fixture.Folder, "t.onnx")));
    }
}
