using Dashboard.Training.Data;

namespace Dashboard.Training.Events;

/// <summary>
/// Images that passed the dataset scan but could not be decoded when training read them (a file truncated in its pixel
/// data, or changed on disk since the scan): each is left out of its batch. Only files not reported before in this run.
/// </summary>
public sealed record ImagesSkipped(IReadOnlyList<SkippedFile> Files) : TrainingEvent;

/// <summary>The resize cache stopped keeping copies (a full disk, no permission, its size limit); training goes on from the files.</summary>
public sealed record ResizeCacheStopped(string Reason) : TrainingEvent;
