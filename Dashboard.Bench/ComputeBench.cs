using System.Diagnostics;
using Dashboard.Training.Learning;
using Dashboard.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Bench;

/// <summary>
/// Compute figures, counted in multiply-adds as torchvision counts ResNet-18's 1.82 G per 224 px image
/// (an n×n by n×n matmul is n³ of them): the model's forward rate at each size, and a large float32 matmul as the
/// machine's practical limit, each the fastest of a few runs after a warm-up. Multiply both by 2 for FLOPs counting
/// multiplies and adds apart; the fraction is the same.
/// </summary>
public static class ComputeBench
{
    public const double ResNet18GigaMultiplyAddsAt224 = 1.82;
    private const int ReferenceSize = 224;
    private const int Channels = 3;
    private const int ClassesForTiming = 2;

    public static double MatmulGflops(BenchOptions options)
    {
        using var scope = NewDisposeScope();
        var (a, b) = (randn(options.MatmulSize, options.MatmulSize), randn(options.MatmulSize, options.MatmulSize));
        a.mm(b).Dispose();
        var seconds = Fastest(options.MatmulRepeats, () => a.mm(b).Dispose());
        return Math.Pow(options.MatmulSize, 3) / seconds / 1e9;
    }

    /// <summary>Forward GFLOP/s (eval mode, no gradients) of the transfer model on a batch of <see cref="BenchOptions.BatchSize"/> at each size.</summary>
    public static IReadOnlyDictionary<int, double> ForwardGflops(BenchOptions options)
    {
        using var model = new TransferModel(options.CreateBackbone(), ClassesForTiming, new HeadOptions());
        model.eval();
        using var noGrad = no_grad();
        return options.Sizes.ToDictionary(run => run.Size, run =>
        {
            using var scope = NewDisposeScope();
            var images = rand(options.BatchSize, Channels, run.Size, run.Size);
            model.forward(images).Dispose();
            var seconds = Fastest(options.ForwardRepeats, () => model.forward(images).Dispose());
            return GigaMultiplyAdds(run.Size) * options.BatchSize / seconds;
        });
    }

    /// <summary>ResNet-18 forward multiply-adds per image, scaled from 224 px by the pixel count.</summary>
    public static double GigaMultiplyAdds(int size) => ResNet18GigaMultiplyAddsAt224 * Math.Pow((double)size / ReferenceSize, 2);

    /// <summary>The fastest of <paramref name="repeats"/> runs: the rate the machine reaches when nothing else gets in the way.</summary>
    private static double Fastest(int repeats, Action action) => Enumerable.Range(0, repeats).Min(_ =>
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    });
}
