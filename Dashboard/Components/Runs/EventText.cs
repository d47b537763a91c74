using System.Globalization;
using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>One readable line per training event, for the run's event log.</summary>
public static class EventText
{
    public static string Describe(TrainingEvent e) => e switch
    {
        RunStarted s => $"Started {s.Architecture} on {s.Classes.Count} classes ({s.TrainCount} train, {s.ValidCount} valid images) at {s.ImageSize} px on {s.Device}{Threads(s.Threads)}",
        PrecisionChosen p => $"Computing in {p.Used}" + (p.Requested == p.Used ? "" : $" (asked for {p.Requested})") + (p.Note is null ? "" : $": {p.Note}"),
        PrecomputeCompleted p => $"Precomputed activations of {p.TrainCount} + {p.ValidCount} images in {Seconds(p.Seconds)}{(p.FromCache ? " (from cache)" : "")}. {p.Note}",
        LrFindBatchEnded b => $"lr_find batch {b.Iteration + 1}: lr {Rate(b.LearningRate)}, loss {Loss(b.Loss)}",
        LrFindCompleted f => $"lr_find done: {Suggestions(f)}",
        ScheduleComputed s => $"Fit {s.FitIndex + 1} planned: {Iterations(s)} iterations{Restarts(s)}",
        FitStarted f => $"Fit {f.FitIndex + 1} started: {f.Epochs} epoch(s) × {f.BatchesPerEpoch} batches, lr {Rates(f.LearningRates)}, "
            + $"{(f.Precomputed ? "on precomputed activations" : "full forward pass")}, {f.FrozenGroups} frozen layer group(s)",
        BatchEnded b => $"Fit {b.FitIndex + 1} batch {b.Iteration + 1}: lr {Rate(b.LearningRate)}, loss {Loss(b.Loss)}",
        EpochEnded epoch => $"Epoch {epoch.Epoch + 1}: train loss {Loss(epoch.TrainLoss)}, valid loss {Loss(epoch.ValidLoss)}, accuracy {Percent(epoch.Accuracy)} ({Seconds(epoch.Seconds)})",
        FitCompleted f => $"Fit {f.FitIndex + 1} completed ({f.Epochs} epoch(s))",
        FitStopped f => $"Fit {f.FitIndex + 1} stopped at iteration {f.Iteration}",
        FitFailed f => $"Fit {f.FitIndex + 1} failed: {f.Message}",
        LayersFrozen l => l.FrozenGroups == 0 ? $"Unfroze all {l.TotalGroups} layer groups" : $"Froze {l.FrozenGroups} of {l.TotalGroups} layer groups",
        Saved s => $"Saved checkpoint '{s.Name}'",
        BestEpochSaved b => $"Fit {b.FitIndex + 1}: epoch {b.Epoch + 1} is the best so far by {b.Monitor} (accuracy {Percent(b.Accuracy)}, valid loss {Loss(b.ValidLoss)}), saved as '{b.Name}'",
        BatchNormFreezeChanged b => b.Frozen ? "BatchNorm statistics of the body frozen (bn_freeze)" : "BatchNorm statistics follow freezing again",
        Loaded l => $"Loaded checkpoint '{l.Name}'",
        ThumbnailsCaptured t => $"Captured {t.Count} thumbnails at epoch {t.Epoch + 1}",
        ThumbnailsPredicted t => $"The model's classes for epoch {t.Epoch + 1}'s thumbnails",
        TtaCompleted t => $"TTA: accuracy {Percent(t.Accuracy)} without, {Percent(t.TtaAccuracy)} with test-time augmentation",
        ConfusionMatrixComputed c => $"Confusion matrix over {c.Classes.Count} classes",
        TopLossesComputed t => $"Top losses: {t.Items.Count} validation images",
        RunCompleted r => $"Run completed in {Seconds(r.Seconds)}: accuracy {Percent(r.Accuracy)}, TTA {Percent(r.TtaAccuracy)}",
        RunResumed r => r.EpochsKept == 0 ? "Resumed from the start (no epoch had ended)" : $"Resumed after epoch {r.EpochsKept}",
        StepStarted s => $"Step {s.Step + 1}: {s.Name}",
        PhaseProgressed p => $"{p.Phase}: {p.Done} / {p.Total} batches",
        SystemSampled s => $"CPU {s.CpuPercent:0.0} %, resident {s.ResidentBytes / 1048576.0:0} MB, {s.ImagesPerSecond:0.0} img/s, data wait {s.DataWaitPercent:0.0} %",
        ImagesSkipped s => $"{Images(s.Files.Count)} could not be read and {(s.Files.Count == 1 ? "was" : "were")} left out: " + string.Join("; ", s.Files.Select(f => $"{f.Path} ({f.Reason})")),
        ResizeCacheStopped r => $"Resize cache stopped: {r.Reason}",
        RunEnded r => $"Run {r.Status}{(string.IsNullOrEmpty(r.Message) ? "" : $": {r.Message}")}",
        _ => e.GetType().Name,
    };

    public static string Images(int count) => count == 1 ? "1 image" : $"{count} images";

    public static string Rate(double rate) => rate.ToString("0.###e0", CultureInfo.InvariantCulture);

    public static string Rates(IEnumerable<double> rates) => string.Join(" / ", rates.Select(Rate));

    /// <summary>", 2 threads" for a run that reports its libtorch threads; nothing for one stored before runs did.</summary>
    public static string Threads(int threads) => threads > 0 ? $", {threads} thread{(threads == 1 ? "" : "s")}" : "";

    public static string Loss(double loss) => loss.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Percent(double? value) => value is { } v ? v.ToString("0.00%", CultureInfo.InvariantCulture) : "—";

    public static string Seconds(double seconds) => TimeSpan.FromSeconds(seconds) is var span && span.TotalMinutes >= 1
        ? $"{(int)span.TotalMinutes}m {span.Seconds}s" : $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)}s";

    private static string Suggestions(LrFindCompleted f) => f.Suggestions.Count == 0 ? "no suggestion (the curve is too short)"
        : "suggestions " + string.Join(", ", f.Suggestions.Select(s => $"{s.Method} {Rate(s.LearningRate)}{(s.Method == f.Chosen ? " (chosen)" : "")}"));

    private static int Iterations(ScheduleComputed s) => s.LearningRatesPerGroup.Count == 0 ? 0 : s.LearningRatesPerGroup[^1].Count;

    private static string Restarts(ScheduleComputed s) =>
        s.RestartIterations.Count == 0 ? "" : $", restarts at {string.Join(", ", s.RestartIterations)}";
}
