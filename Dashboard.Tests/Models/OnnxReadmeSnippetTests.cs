using System.Text.Json;
using Dashboard.Tests.Learning;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using Dashboard.Training.Models.Onnx.Export;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>The README's ONNX Runtime snippet, line for line, classifies an image file as the TorchSharp model does.</summary>
public sealed class OnnxReadmeSnippetTests : IDisposable
{
    private const int Size = 32;
    private readonly LearnerFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void The_readme_snippet_gives_the_models_top_class_and_probability()
    {
        using var learner = new Learner(Backbones.Create("resnet18"), fixture.Data, fixture.Options, fixture.Events);
        learner.Fit(new FitRequest(0.01));
        var onnx = Path.Combine(fixture.Folder, "model.onnx");
        using (var file = File.Create(onnx)) ClassifierOnnxExport.Write(learner.Model, new ClassifierExportInfo(fixture.Data.Classes, Size, "resnet18"), file);
        var photo = Path.Combine(fixture.Folder, "photo.png");
        WritePhoto(photo);

        var (label, probability) = Snippet(onnx, photo);

        using var pixels = Pixels(photo);
        learner.Model.eval();
        using var expected = nn.functional.softmax(learner.Model.forward(pixels), 1);
        int top = (int)expected.argmax(1).item<long>();
        Assert.Equal(fixture.Data.Classes[top], label);
        Assert.Equal(expected[0, top].item<float>(), probability, 1e-4f);
    }

    /// <summary>The README's lines (the usings aside): load the file, read size and classes from it, run one image.</summary>
    private static (string Label, float Probability) Snippet(string modelPath, string imagePath)
    {
        using var session = new InferenceSession(modelPath);
        var size = int.Parse(session.ModelMetadata.CustomMetadataMap["image_size"]);
        var classes = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["classes"])!;
        using var image = SKBitmap.Decode(imagePath).Resize(new SKImageInfo(size, size), new SKSamplingOptions(SKFilterMode.Linear));
        var input = new DenseTensor<float>([1, 3, size, size]);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                (input[0, 0, y, x], input[0, 1, y, x], input[0, 2, y, x]) = (image.GetPixel(x, y).Red / 255f, image.GetPixel(x, y).Green / 255f, image.GetPixel(x, y).Blue / 255f);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var probabilities = results[0].AsEnumerable<float>().ToArray();
        return (classes[Array.IndexOf(probabilities, probabilities.Max())], probabilities.Max());
    }

    /// <summary>A photo-like PNG already at the model's size, so resizing does not enter the comparison.</summary>
    private static void WritePhoto(string path)
    {
        using var bitmap = new SKBitmap(Size, Size);
        var random = new Random(4);
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 8), (byte)random.Next(256), (byte)(y * 8)));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static TorchSharp.torch.Tensor Pixels(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        var values = new float[3 * Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                (values[y * Size + x], values[Size * Size + y * Size + x], values[2 * Size * Size + y * Size + x]) = (pixel.Red / 255f, pixel.Green / 255f, pixel.Blue / 255f);
            }
        return tensor(values).reshape(1, 3, Size, Size);
    }
}
