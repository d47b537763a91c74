using Dashboard.Tests.Learning;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Precision;
using static TorchSharp.torch;

namespace Dashboard.Tests.Precision;

public class Bf16TrainingTests
{
    [Fact]
    public void A_bf16_fit_learns_keeps_fp32_weights_and_its_checkpoint_predicts_the_same_in_fp32()
    {
        using var f = new LearnerFixture();
        using var learner = new Learner(new TinyBackbone(), f.Data, f.Options with { Precision = TrainingPrecision.Bf16 }, f.Events);
        Assert.Equal(TrainingPrecision.Bf16, learner.Precision);
        Assert.Equal(("bf16", "bf16"), f.Events.Events.OfType<PrecisionChosen>().Select(p => (p.Requested, p.Used)).Last());

        learner.Fit(new FitRequest(0.05, cycles: 3, cycleLength: 1));
        learner.Unfreeze();
        var result = learner.Fit(new FitRequest([0.005, 0.01, 0.02], cycles: 4, cycleLength: 1));

        Assert.True(result.Epochs[^1].Accuracy >= 0.8, $"bf16 accuracy {result.Epochs[^1].Accuracy}"); // chance is 1/3
        Assert.All(learner.Model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        var inBf16 = learner.PredictValid();
        learner.Save("bf16");
        using var fp32 = new Learner(new TinyBackbone(), f.Data, f.Options, new RecordingEventSink());
        fp32.Load("bf16");
        var inFp32 = fp32.PredictValid();
        Assert.Equal(TrainingPrecision.Fp32, fp32.Precision);
        var largest = inBf16.Probabilities.Zip(inFp32.Probabilities).SelectMany(p => p.First.Zip(p.Second, (a, b) => Math.Abs(a - b))).Max();
        Assert.True(largest < 0.05, $"probabilities differ by up to {largest}"); // bf16 keeps 8 bits of mantissa
        Assert.True(inBf16.Accuracy() - inFp32.Accuracy() is > -0.1 and < 0.1);
    }

    [Fact]
    public void Precompute_in_bf16_caches_fp32_activations()
    {
        using var f = new LearnerFixture();
        using var learner = new Learner(new TinyBackbone(), f.Data, f.Options with { Precision = TrainingPrecision.Bf16 }, f.Events);

        learner.SetPrecompute(true);
        var result = learner.Fit(new FitRequest(0.05));

        var cache = Directory.GetFiles(f.Options.ActivationCacheFolder).Single();
        Assert.Equal(ScalarType.Float32, Dashboard.Training.Learning.ActivationFile.Read(cache)[0].dtype);
        Assert.True(double.IsFinite(result.Epochs[0].ValidLoss));
    }
}
