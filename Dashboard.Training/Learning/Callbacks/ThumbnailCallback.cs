using Dashboard.Training.Data;
using Dashboard.Training.Events;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>Thumbnails of each epoch's first batch as the model sees it (augmented); none on cached activations.</summary>
public sealed class ThumbnailCallback : LearnerCallback
{
    public override int Order => 20;

    public override void BeforeBatch(FitContext fit)
    {
        var learner = fit.Learner;
        var options = learner.Options;
        if (fit.BatchInEpoch != 0 || learner.Precompute || options.ThumbnailCount == 0 || learner.EpochsCompleted >= options.MaxThumbnailEpochs) return;
        learner.Events.Emit(new ThumbnailsCaptured(learner.EpochsCompleted, TensorThumbnails.Pngs(fit.Batch!.Inputs, options.ThumbnailCount, options.ThumbnailSize)));
    }
}
