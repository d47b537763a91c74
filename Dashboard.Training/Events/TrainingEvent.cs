using System.Text.Json.Serialization;

namespace Dashboard.Training.Events;

/// <summary>
/// Something that happened in the trainer, named in the past tense. Records carry plain numbers, never tensors,
/// so they can be stored, serialised (the "type" discriminator) and sent to browsers as they are.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), "runStarted")]
[JsonDerivedType(typeof(PrecisionChosen), "precisionChosen")]
[JsonDerivedType(typeof(PrecomputeCompleted), "precomputeCompleted")]
[JsonDerivedType(typeof(LrFindBatchEnded), "lrFindBatchEnded")]
[JsonDerivedType(typeof(LrFindCompleted), "lrFindCompleted")]
[JsonDerivedType(typeof(ScheduleComputed), "scheduleComputed")]
[JsonDerivedType(typeof(FitStarted), "fitStarted")]
[JsonDerivedType(typeof(BatchEnded), "batchEnded")]
[JsonDerivedType(typeof(EpochEnded), "epochEnded")]
[JsonDerivedType(typeof(FitCompleted), "fitCompleted")]
[JsonDerivedType(typeof(FitStopped), "fitStopped")]
[JsonDerivedType(typeof(FitFailed), "fitFailed")]
[JsonDerivedType(typeof(LayersFrozen), "layersFrozen")]
[JsonDerivedType(typeof(BatchNormFreezeChanged), "batchNormFreezeChanged")]
[JsonDerivedType(typeof(Saved), "saved")]
[JsonDerivedType(typeof(BestEpochSaved), "bestEpochSaved")]
[JsonDerivedType(typeof(Loaded), "loaded")]
[JsonDerivedType(typeof(ThumbnailsCaptured), "thumbnailsCaptured")]
[JsonDerivedType(typeof(ThumbnailsPredicted), "thumbnailsPredicted")]
[JsonDerivedType(typeof(TtaCompleted), "ttaCompleted")]
[JsonDerivedType(typeof(ConfusionMatrixComputed), "confusionMatrixComputed")]
[JsonDerivedType(typeof(TopLossesComputed), "topLossesComputed")]
[JsonDerivedType(typeof(RunCompleted), "runCompleted")]
[JsonDerivedType(typeof(RunEnded), "runEnded")]
[JsonDerivedType(typeof(RunResumed), "runResumed")]
[JsonDerivedType(typeof(StepStarted), "stepStarted")]
[JsonDerivedType(typeof(PhaseProgressed), "phaseProgressed")]
[JsonDerivedType(typeof(SystemSampled), "systemSampled")]
[JsonDerivedType(typeof(ImagesSkipped), "imagesSkipped")]
[JsonDerivedType(typeof(ResizeCacheStopped), "resizeCacheStopped")]
public abstract record TrainingEvent
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}
