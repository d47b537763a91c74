namespace Dashboard.Training.Learning;

/// <summary>Where a learner stood at an epoch boundary, enough to continue an interrupted run.</summary>
public sealed record LearnerProgress(int EpochsCompleted, int FitsStarted, int FrozenGroups, bool Precompute);

public sealed partial class Learner
{
    public LearnerProgress Progress => new(EpochsCompleted, fitCount, FrozenGroups, Precompute);

    /// <summary>Writes the weights for a resume point (atomically; the previous resume point survives a failed write).</summary>
    public void SaveResumePoint(string path) =>
        Checkpoints.Save(path, Model, new CheckpointInfo(Model.Body.Architecture, Data.Classes, EpochsCompleted, DateTimeOffset.UtcNow));

    /// <summary>Loads a resume point's weights and puts counters, freezing and precompute back as they were.</summary>
    public void RestoreResumePoint(string path, LearnerProgress progress, CancellationToken cancellation = default)
    {
        var info = Checkpoints.Load(path, Model, Data.Classes, Model.Body.Architecture);
        if (info.EpochsCompleted != progress.EpochsCompleted)
            throw new InvalidDataException($"{path} holds epoch {info.EpochsCompleted}, the resume record says {progress.EpochsCompleted}.");
        FreezeTo(progress.FrozenGroups);
        EpochsCompleted = progress.EpochsCompleted;
        fitCount = progress.FitsStarted;
        SetPrecompute(progress.Precompute, cancellation);
    }
}
