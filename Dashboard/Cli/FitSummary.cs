using Dashboard.Training.Events;
using Spectre.Console;

namespace Dashboard.Cli;

/// <summary>What a command's closing table shows, gathered from the events: every epoch, the lr_find suggestion, TTA.</summary>
public sealed class FitSummary
{
    private readonly List<EpochEnded> epochs = [];
    private LrFindCompleted? lrFind;
    private TtaCompleted? tta;

    public void Record(TrainingEvent trainingEvent)
    {
        switch (trainingEvent)
        {
            case EpochEnded epoch: epochs.Add(epoch); break;
            case LrFindCompleted found: lrFind = found; break;
            case TtaCompleted done: tta = done; break;
        }
    }

    public bool IsEmpty => epochs.Count == 0 && lrFind is null && tta is null;

    /// <summary>One row per epoch as fastai prints them, then the lr_find suggestion and TTA when the run had them.</summary>
    public Table Table()
    {
        var table = new Table().AddColumns("fit", "epoch", "train loss", "valid loss", "accuracy", "seconds");
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        foreach (var e in epochs)
            table.AddRow($"{e.FitIndex + 1}", $"{e.Epoch + 1}", $"{e.TrainLoss:F4}", $"{e.ValidLoss:F4}", $"{e.Accuracy:P2}", $"{e.Seconds:F1}");
        if (lrFind?.Suggestions.FirstOrDefault(s => s.Method == lrFind.Chosen) is { } chosen)
            table.Caption($"lr_find suggestion ({chosen.Method}): {chosen.LearningRate:E2}" + (tta is null ? "" : $"; TTA accuracy {tta.TtaAccuracy:P2}"));
        else if (tta is not null) table.Caption($"TTA accuracy {tta.TtaAccuracy:P2}");
        return table;
    }
}
