using Dashboard.Training.Data;
using Dashboard.Training.Events;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// Thumbnails of each epoch's first batch as the model sees it (augmented), with their true classes; when the epoch
/// has ended, the model's class for each of them (eval mode). None on cached activations: there are no images.
/// </summary>
public sealed class ThumbnailCallback : LearnerCallback
{
    private Tensor? captured;
    private int capturedEpoch;

    public override int Order => 20;

    public override void BeforeBatch(FitContext fit)
    {
        var learner = fit.Learner;
        var options = learner.Options;
        if (fit.BatchInEpoch != 0 || learner.Precompute || options.ThumbnailCount == 0 || learner.EpochsCompleted >= options.MaxThumbnailEpochs) return;
        var batch = fit.Batch!;
        var pngs = TensorThumbnails.Pngs(batch.Inputs, options.ThumbnailCount, options.ThumbnailSize);
        var labels = batch.Targets[..pngs.Count].data<long>().Select(label => (int)label).ToArray();
        learner.Events.Emit(new ThumbnailsCaptured(learner.EpochsCompleted, pngs, labels));
        Release();
        captured = batch.Inputs[..pngs.Count].detach().clone().DetachFromDisposeScope();
        capturedEpoch = learner.EpochsCompleted;
    }

    public override void AfterEpoch(FitContext fit)
    {
        if (captured is null) return;
        var learner = fit.Learner;
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            learner.Model.eval(); // validation already left it so; said here because the prediction depends on it
            var predicted = learner.ForwardImages(captured.to(learner.Device)).argmax(1).cpu().data<long>().Select(c => (int)c).ToArray();
            learner.Events.Emit(new ThumbnailsPredicted(capturedEpoch, predicted));
        }
        Release();
    }

    public override void AfterFit(FitContext fit) => Release();

    private void Release()
    {
        captured?.Dispose();
        captured = null;
    }
}
