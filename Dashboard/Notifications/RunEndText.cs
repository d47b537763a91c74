using Dashboard.Components.Runs;
using Dashboard.Runs;

namespace Dashboard.Notifications;

/// <summary>How a run's end reads in a notification: a title, then its figures and message.</summary>
public static class RunEndText
{
    public static string Title(RunSummary run) => $"{run.Name} {run.Status}";

    /// <summary>"accuracy 93.75% (TTA 94.10%) · the message", the parts the run has.</summary>
    public static string Details(RunSummary run)
    {
        var parts = new List<string>();
        if (run.Accuracy is { } accuracy)
            parts.Add($"accuracy {EventText.Percent(accuracy)}" + (run.TtaAccuracy is { } tta ? $" (TTA {EventText.Percent(tta)})" : ""));
        if (!string.IsNullOrEmpty(run.Message)) parts.Add(run.Message);
        return string.Join(" · ", parts);
    }
}
