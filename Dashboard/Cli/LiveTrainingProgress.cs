using System.Diagnostics;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dashboard.Cli;

/// <summary>
/// A run's progress on a terminal, as fastprogress shows it in a notebook: the run's lines, the table of epochs so far
/// and a live bar for the fit in progress (batches, loss, last accuracy, elapsed and ETA). Events arrive on the training
/// thread; <see cref="LiveView"/> redraws on its own.
/// </summary>
public sealed class LiveTrainingProgress : ITrainingProgress
{
    private readonly Lock gate = new();
    private readonly FitSummary summary = new();
    private readonly List<string> lines = [];
    private readonly Stopwatch fitClock = new();
    private readonly LiveView view;
    private FitStarted? fit;
    private BatchEnded? lastBatch;
    private EpochEnded? lastEpoch;

    public LiveTrainingProgress(IAnsiConsole console) => view = new LiveView(console, Render);

    public void Emit(TrainingEvent trainingEvent)
    {
        lock (gate)
        {
            summary.Record(trainingEvent);
            switch (trainingEvent)
            {
                case BatchEnded batch: lastBatch = batch; return;
                case EpochEnded epoch: lastEpoch = epoch; return;
                case FitStarted started: (fit, lastBatch) = (started, null); fitClock.Restart(); break;
                case FitStopped or FitFailed or RunEnded: fit = null; break;
            }
            if (EventLines.Describe(trainingEvent) is { } text) lines.Add(text);
        }
    }

    public void Dispose() => view.Dispose();

    private IRenderable Render()
    {
        lock (gate)
        {
            var parts = lines.Select(line => (IRenderable)new Text(line)).ToList();
            if (!summary.IsEmpty) parts.Add(summary.Table());
            if (fit is not null) parts.Add(Bar(fit));
            return new Rows(parts);
        }
    }

    private Markup Bar(FitStarted started)
    {
        int done = lastBatch is null ? 0 : lastBatch.Iteration + 1;
        var detail = (lastBatch is null ? "" : $"loss {lastBatch.Loss:F4}") + (lastEpoch is null ? "" : $"  accuracy {lastEpoch.Accuracy:P1}");
        return ProgressLine.Render($"fit {started.FitIndex + 1}", done, started.Epochs * started.BatchesPerEpoch, fitClock.Elapsed, detail);
    }
}
