using Dashboard.Training.Models;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Precision;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

public class PrecomputeTests
{
    [Fact]
    public void Head_gradients_on_cached_activations_match_the_full_forward_on_plain_images()
    {
        using var f = new LearnerFixture();
        f.Learner.SetPrecompute(true);
        var model = f.Learner.Model;
        model.eval();
        var batchFromCache = ActivationBatch(f);
        using var plain = f.Data.TrainInOrder().Epoch(0, default).First();

        var fromCache = HeadGradients(model, () => model.Classify(batchFromCache.Inputs), batchFromCache.Targets);
        var fromImages = HeadGradients(model, () => model.forward(plain.Inputs), plain.Targets);

        Assert.Equal(plain.Targets.data<long>().ToArray(), batchFromCache.Targets.data<long>().ToArray());
        foreach (var (name, gradient) in fromImages)
            Assert.True(gradient.allclose(fromCache[name], rtol: 1e-4, atol: 1e-5), $"gradient of {name} differs");
    }

    [Fact]
    public void Activations_are_cached_on_disk_and_reused_by_the_next_learner()
    {
        using var f = new LearnerFixture();
        f.Learner.SetPrecompute(true);
        using var second = new Learner(new TinyBackboneCopy(f.Learner.Model.Body).Body, f.Data, f.Options, f.Events);

        second.SetPrecompute(true);

        var completed = f.Events.Events.OfType<PrecomputeCompleted>().ToArray();
        Assert.Equal(new[] { false, true }, completed.Select(c => c.FromCache));
        Assert.Single(Directory.GetFiles(f.Options.ActivationCacheFolder));
        Assert.Contains("augmentation is not applied", completed[0].Note);
    }

    [Fact]
    public void A_learner_in_another_precision_computes_its_own_activations_instead_of_reusing_the_cache()
    {
        using var f = new LearnerFixture();
        f.Learner.SetPrecompute(true);
        using var bf16 = new Learner(new TinyBackboneCopy(f.Learner.Model.Body).Body, f.Data, f.Options with { Precision = TrainingPrecision.Bf16 }, f.Events);

        bf16.SetPrecompute(true);

        Assert.Equal(TrainingPrecision.Bf16, bf16.Precision);
        Assert.Equal(new[] { false, false }, f.Events.Events.OfType<PrecomputeCompleted>().Select(c => c.FromCache));
        Assert.Equal(2, Directory.GetFiles(f.Options.ActivationCacheFolder).Length);
    }

    [Fact]
    public void Precompute_trains_the_head_without_touching_the_images_and_turning_it_off_goes_back_to_augmented_images()
    {
        using var f = new LearnerFixture();
        f.Learner.SetPrecompute(true);
        f.Learner.Fit(new FitRequest(0.05, cycles: 2));
        Assert.Equal(0, f.Data.TrainAugmentedEpochs);

        f.Learner.SetPrecompute(false);
        f.Learner.Fit(new FitRequest(0.01));

        Assert.Equal(1, f.Data.TrainAugmentedEpochs);
        Assert.Equal(new[] { true, false }, f.Events.Events.OfType<FitStarted>().Select(s => s.Precomputed));
    }

    [Fact]
    public void Precompute_needs_a_frozen_body()
    {
        using var f = new LearnerFixture();
        f.Learner.Unfreeze();
        var error = Assert.Throws<InvalidOperationException>(() => f.Learner.SetPrecompute(true));
        Assert.Contains("frozen", error.Message);
    }

    private static LabeledBatch ActivationBatch(LearnerFixture f)
    {
        var cache = Directory.GetFiles(f.Options.ActivationCacheFolder).Single();
        var tensors = ActivationFile.Read(cache);
        int n = f.Data.BatchSize;
        return new LabeledBatch(tensors[0][..n], tensors[1][..n]);
    }

    private static Dictionary<string, Tensor> HeadGradients(TransferModel model, Func<Tensor> forward, Tensor targets)
    {
        model.zero_grad();
        using var loss = nn.functional.cross_entropy(forward(), targets);
        loss.backward();
        return model.Head.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }

    /// <summary>A second body with the same weights (the cache key includes the body's weights).</summary>
    private sealed class TinyBackboneCopy
    {
        public TinyBackboneCopy(Dashboard.Training.Models.Backbone source)
        {
            Body = new TinyBackbone();
            Body.load_state_dict(source.state_dict());
        }

        public TinyBackbone Body { get; }
    }
}
