using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>fastai 0.7 freezing: a frozen group is frozen entirely, BatchNorm statistics included, and runs without autograd.</summary>
public class FreezingTests
{
    [Fact]
    public void A_frozen_fit_trains_the_head_and_leaves_every_body_weight_and_batchnorm_statistic_byte_identical()
    {
        using var f = new LearnerFixture();
        var before = BodyState(f.Learner);
        var headBefore = Weights.Of(f.Learner.Model.Head);

        f.Learner.Fit(new FitRequest(0.05, cycles: 2));

        var after = BodyState(f.Learner);
        Assert.Contains(before.Keys, k => k.EndsWith("running_mean"));
        Assert.Contains(before.Keys, k => k.EndsWith("num_batches_tracked"));
        Assert.All(before.Keys, k => Assert.Equal(before[k], after[k]));
        var headAfter = Weights.Of(f.Learner.Model.Head);
        Assert.Contains(headBefore.Keys, k => !headBefore[k].SequenceEqual(headAfter[k]));
    }

    [Fact]
    public void No_frozen_parameter_wants_or_gets_a_gradient_and_a_frozen_body_builds_no_graph()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.05));

        var body = f.Learner.Model.Body;
        Assert.All(body.parameters(), p => Assert.False(p.requires_grad));
        Assert.All(body.parameters(), p => Assert.Null(p.grad));
        Assert.Equal(body.LayerGroups.Count, f.Learner.Model.GroupsWithoutGradient);
        using var images = f.Data.TrainInOrder().Epoch(0, default).First();
        using var features = f.Learner.Model.PooledFeatures(images.Inputs);
        Assert.False(features.requires_grad); // computed under no_grad: no autograd graph through the body
    }

    [Fact]
    public void Freezing_only_the_early_group_gives_gradients_to_the_late_group_alone()
    {
        using var f = new LearnerFixture();
        f.Learner.FreezeTo(1);

        f.Learner.Fit(new FitRequest(0.01));

        var groups = f.Learner.Model.Body.LayerGroups;
        Assert.Equal(1, f.Learner.Model.GroupsWithoutGradient);
        Assert.All(groups[0].parameters(), p => Assert.Null(p.grad));
        Assert.All(groups[1].parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void With_trainFrozenBatchNorm_frozen_batchnorm_layers_train_as_in_fastai_v2()
    {
        using var f = new LearnerFixture(trainFrozenBatchNorm: true);
        var before = BodyState(f.Learner);

        f.Learner.Fit(new FitRequest(0.05));

        var after = BodyState(f.Learner);
        Assert.Equal(0, f.Learner.Model.GroupsWithoutGradient);
        Assert.Contains(before.Keys.Where(k => k.EndsWith("running_mean")), k => !before[k].SequenceEqual(after[k]));
        Assert.Contains(before.Keys.Where(k => k.EndsWith("bn.weight")), k => !before[k].SequenceEqual(after[k]));
        Assert.All(before.Keys.Where(k => k.EndsWith("conv.weight")), k => Assert.Equal(before[k], after[k]));
    }

    [Fact]
    public void Bn_freeze_keeps_body_batchnorm_statistics_after_unfreeze_while_the_convolutions_train()
    {
        using var f = new LearnerFixture();
        f.Learner.Unfreeze();
        f.Learner.FreezeBatchNorm(true);
        var before = BodyState(f.Learner);

        f.Learner.Fit(new FitRequest(0.05));

        var after = BodyState(f.Learner);
        Assert.All(before.Keys.Where(k => k.Contains("running_") || k.EndsWith("num_batches_tracked")), k => Assert.Equal(before[k], after[k]));
        Assert.Contains(before.Keys.Where(k => k.EndsWith("conv.weight")), k => !before[k].SequenceEqual(after[k]));
        Assert.Equal([true], f.Events.Events.OfType<BatchNormFreezeChanged>().Select(e => e.Frozen));
    }

    [Fact]
    public void Bn_freeze_on_a_body_without_batchnorm_is_refused()
    {
        using var data = new SyntheticLearnerData();
        using var learner = new Learner(new PlainBackbone(), data, new LearnerOptions(), new RecordingEventSink());

        var error = Assert.Throws<InvalidOperationException>(() => learner.FreezeBatchNorm(true));

        Assert.Contains("no BatchNorm", error.Message);
        Assert.False(learner.BatchNormFrozen);
    }

    [Fact]
    public void Precompute_is_exact_the_head_scores_the_same_on_cached_activations_and_on_images_even_after_a_frozen_full_image_fit()
    {
        using var f = new LearnerFixture();
        f.Learner.SetPrecompute(true);
        f.Learner.Fit(new FitRequest(0.05, cycles: 2));
        var onCache = f.Learner.Validate();
        var cachedFeatures = ValidFeatures(f.Learner);

        f.Learner.SetPrecompute(false);
        var onImages = f.Learner.Validate();
        f.Learner.Fit(new FitRequest(0.01)); // trains the head on (augmented) images; the frozen body must not move
        var featuresAfter = ValidFeatures(f.Learner);

        Assert.Equal(onCache.Loss, onImages.Loss, 4);
        Assert.Equal(onCache.Accuracy, onImages.Accuracy, 4);
        Assert.True(cachedFeatures.allclose(featuresAfter, rtol: 0, atol: 1e-6), "the frozen body's features changed during a frozen fit");
    }

    private static Tensor ValidFeatures(Learner learner)
    {
        learner.Model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parts = learner.Data.Valid().Epoch(0, default).Select(b => { using (b) return learner.Model.PooledFeatures(b.Inputs); }).ToList();
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Every tensor of the body's state (weights and buffers, any type) as bytes.</summary>
    private static Dictionary<string, byte[]> BodyState(Learner learner) =>
        learner.Model.Body.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().cpu().bytes.ToArray());
}
