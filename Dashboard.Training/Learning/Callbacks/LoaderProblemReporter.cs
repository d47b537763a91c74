using Dashboard.Training.Events;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// After each epoch and fit (lr_find's sweep included), reports images that failed to decode since the last report
/// (<see cref="ImagesSkipped"/>) and, once, why the resize cache stopped (<see cref="ResizeCacheStopped"/>).
/// </summary>
public sealed class LoaderProblemReporter : LearnerCallback
{
    private readonly HashSet<string> reported = [];
    private bool cacheReported;

    public override int Order => 55;
    public override bool DuringSweep => true;

    public override void AfterEpoch(FitContext fit) => Report(fit.Learner);

    public override void AfterFit(FitContext fit) => Report(fit.Learner);

    private void Report(Learner learner)
    {
        var problems = learner.Data.Problems();
        var fresh = problems.Skipped.Where(file => reported.Add(file.Path)).ToList();
        if (fresh.Count > 0) learner.Events.Emit(new ImagesSkipped(fresh));
        if (problems.ResizeCache is { } reason && !cacheReported)
        {
            cacheReported = true;
            learner.Events.Emit(new ResizeCacheStopped(reason));
        }
    }
}
