using Dashboard.Training.Learning.Prediction;
using Dashboard.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>
/// Grad-CAM tested as a method: a small convolutional model learns "a red square" against "a blue square", each drawn at
/// a random place on grey noise, so only the square's region carries the class; the heat must then sit on the square,
/// wherever it is put.
/// </summary>
public sealed class GradCamTests(GradCamTests.SquaresModel squares) : IClassFixture<GradCamTests.SquaresModel>
{
    private const int Size = 32, Square = 8, Red = 0, Blue = 1;

    [Theory]
    [InlineData(2, 2)]
    [InlineData(21, 19)]
    public void The_heat_of_the_predicted_class_lies_on_the_only_region_that_carries_it(int left, int top)
    {
        var model = squares.Model;
        using var image = Picture(Red, left, top, seed: 99);

        var heat = GradCam.Compute(model, image);

        Assert.Equal(Red, heat.ClassIndex);
        Assert.Equal(Size * Size, heat.Values.Length);
        var (inside, outside) = MeanHeat(heat, left, top);
        Assert.True(inside > 3 * outside, $"mean heat on the square {inside:0.00}, elsewhere {outside:0.00}");
        var hottest = Array.IndexOf(heat.Values, heat.Values.Max());
        Assert.InRange(hottest % Size, left - Square / 2, left + Square + Square / 2);
        Assert.InRange(hottest / Size, top - Square / 2, top + Square + Square / 2);
    }

    [Fact]
    public void A_chosen_class_gets_its_own_map_and_the_overlay_is_a_png_of_the_asked_size()
    {
        var model = squares.Model;
        using var image = Picture(Red, 4, 4, seed: 5);

        var heat = GradCam.Compute(model, image, classIndex: Blue);
        var png = HeatMapOverlay.Png(image, heat, 96);

        Assert.Equal(Blue, heat.ClassIndex);
        using var decoded = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((96, 96), (decoded.Width, decoded.Height));
    }

    private static (double Inside, double Outside) MeanHeat(HeatMap heat, int left, int top)
    {
        bool OnSquare(int i) => i % Size >= left && i % Size < left + Square && i / Size >= top && i / Size < top + Square;
        var indices = Enumerable.Range(0, heat.Values.Length).ToArray();
        return (indices.Where(OnSquare).Average(i => heat.Values[i]), indices.Where(i => !OnSquare(i)).Average(i => heat.Values[i]));
    }

    /// <summary>The trained model, shared by the tests of the class (training takes most of their time).</summary>
    public sealed class SquaresModel : IDisposable
    {
        public TransferModel Model { get; } = TrainedModel();

        public void Dispose() => Model.Dispose();
    }

    /// <summary>A tiny body with a head, trained until it tells the squares apart (Adam, 200 steps of 32 fresh pictures).</summary>
    private static TransferModel TrainedModel()
    {
        torch.manual_seed(0);
        var model = new TransferModel(new TinyBackbone(), 2, new HeadOptions { HiddenUnits = 32 });
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var random = new Random(1);
        model.train();
        for (int step = 0; step < 200; step++)
        {
            using var scope = NewDisposeScope();
            var classes = Enumerable.Range(0, 32).Select(_ => random.Next(2)).ToArray();
            var images = cat(classes.Select(c => Picture(c, random.Next(Size - Square), random.Next(Size - Square), random.Next())).ToArray(), 0);
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(images), tensor(classes.Select(c => (long)c).ToArray())).backward();
            optimizer.step();
        }
        model.eval();
        return model;
    }

    /// <summary>(1, 3, 32, 32): grey noise with a red or blue 8×8 square at (left, top).</summary>
    private static Tensor Picture(int colour, int left, int top, int seed)
    {
        var generator = new torch.Generator((ulong)seed);
        var image = rand([1, 3, Size, Size], generator: generator) * 0.4 + 0.3;
        image[0, .., top..(top + Square), left..(left + Square)] = zeros(3, Square, Square);
        image[0, colour == Red ? 0 : 2, top..(top + Square), left..(left + Square)] = ones(Square, Square);
        return image;
    }
}
