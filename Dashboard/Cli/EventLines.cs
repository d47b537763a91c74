using Dashboard.Training.Events;

namespace Dashboard.Cli;

/// <summary>The one-line text of each event a command shows (batches have none: they move the progress bar); fits and epochs counted from 1.</summary>
public static class EventLines
{
    public static string? Describe(TrainingEvent e) => e switch
    {
        RunStarted r => $"run: {r.Architecture}, {r.Classes.Count} classes, {r.TrainCount} train / {r.ValidCount} valid images at {r.ImageSize}px on {r.Device}{Components.Runs.EventText.Threads(r.Threads)}",
        PrecisionChosen p => $"precision: {p.Used}" + (p.Requested == p.Used ? "" : $" (asked for {p.Requested})") + (p.Note is null ? "" : $"; {p.Note}"),
        PrecomputeCompleted p => $"precompute: {p.TrainCount + p.ValidCount} activations in {p.Seconds:F1} s{(p.FromCache ? " (cached)" : "")}. {p.Note}",
        LrFindCompleted l => $"lr_find: {l.LearningRates.Count} batches, suggestions: {Suggestions(l)}",
        FitStarted f => $"fit {f.FitIndex + 1}: {f.Epochs} epochs × {f.BatchesPerEpoch} batches, lr [{string.Join(", ", f.LearningRates.Select(r => r.ToString("E1")))}]{(f.Precomputed ? ", precomputed" : "")}",
        EpochEnded ep => $"epoch {ep.Epoch + 1}: train loss {ep.TrainLoss:F4}  valid loss {ep.ValidLoss:F4}  accuracy {ep.Accuracy:P2}  ({ep.Seconds:F1} s)",
        FitStopped s => $"fit {s.FitIndex + 1} stopped at iteration {s.Iteration}",
        FitFailed f => $"fit {f.FitIndex + 1} failed: {f.Message}",
        LayersFrozen l => l.FrozenGroups == 0 ? "unfrozen: all layer groups train" : $"frozen: first {l.FrozenGroups} of {l.TotalGroups} layer groups",
        Saved s => $"saved {s.Name} to {s.Path}",
        BestEpochSaved b => $"best epoch so far: {b.Epoch + 1} by {b.Monitor} (accuracy {b.Accuracy:P2}, valid loss {b.ValidLoss:F4}), saved as {b.Name}",
        BatchNormFreezeChanged b => b.Frozen ? "bn_freeze: body BatchNorm statistics frozen" : "bn_freeze off",
        Loaded l => $"loaded {l.Name}",
        TtaCompleted t => $"TTA: accuracy {t.Accuracy:P2} → {t.TtaAccuracy:P2}",
        RunResumed r => $"resumed after epoch {r.EpochsKept}: events after #{r.LastKeptSequence} are superseded, done again below",
        ImagesSkipped s => $"skipped {Components.Runs.EventText.Images(s.Files.Count)}: " + string.Join("; ", s.Files.Select(f => $"{f.Path} ({f.Reason})")),
        ResizeCacheStopped r => $"resize cache stopped: {r.Reason}",
        RunEnded r => $"run {r.Status}{(r.Message is null ? "" : $": {r.Message}")}",
        _ => null,
    };

    private static string Suggestions(LrFindCompleted l) => l.Suggestions.Count == 0 ? "none (the curve is too short)"
        : string.Join(", ", l.Suggestions.Select(s => $"{s.Method} {s.LearningRate:E2}{(s.Method == l.Chosen ? " (chosen)" : "")}"));
}
