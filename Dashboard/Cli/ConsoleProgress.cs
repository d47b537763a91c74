using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Cli;

/// <summary>
/// A run's progress as plain complete lines, for output that is not a terminal (CI, pipes, files): one line per event
/// that matters (no line per batch), and on dispose the closing table of epochs (<see cref="FitSummary"/>).
/// </summary>
public sealed class ConsoleProgress(TextWriter writer) : ITrainingProgress
{
    private readonly FitSummary summary = new();

    public void Emit(TrainingEvent trainingEvent)
    {
        summary.Record(trainingEvent);
        if (EventLines.Describe(trainingEvent) is { } text) writer.WriteLine(text);
    }

    public void Dispose()
    {
        if (!summary.IsEmpty) PlainConsole.WriteTable(writer, summary.Table());
    }
}
