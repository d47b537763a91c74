using Dashboard.Training.Models;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// fastai 0.7's <c>set_train_mode</c>: when the model trains, BatchNorm layers of frozen layer groups (and of every body
/// group after <c>bn_freeze(True)</c>) stay in eval mode, so their running statistics never change and the features
/// a head learned on precomputed activations stay the same. <see cref="LearnerOptions.TrainFrozenBatchNorm"/> (fastai
/// v2's <c>train_bn</c>) lets frozen groups' BatchNorm train instead.
/// </summary>
public sealed class FrozenBatchNormCallback : LearnerCallback
{
    public override bool DuringSweep => true;

    public override void BeforeEpoch(FitContext fit)
    {
        var learner = fit.Learner;
        var groups = learner.Model.LayerGroups;
        int bodyGroups = learner.Model.Body.LayerGroups.Count;
        int frozenStatistics = learner.BatchNormFrozen ? bodyGroups : learner.Options.TrainFrozenBatchNorm ? 0 : learner.FrozenGroups;
        for (int g = 0; g < frozenStatistics; g++) LayerFreezing.BatchNormToEval(groups[g]);
    }
}
