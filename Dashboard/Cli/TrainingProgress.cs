using Dashboard.Training.Learning;

namespace Dashboard.Cli;

/// <summary>The progress of a command that trains or follows training: live on a terminal, plain lines otherwise.</summary>
public static class TrainingProgress
{
    public static ITrainingProgress For(TextWriter output) => PlainConsole.IsTerminal(output)
        ? new LiveTrainingProgress(LiveView.ConsoleFor(output))
        : new ConsoleProgress(output);
}

/// <summary>Receives a run's events and, disposed, shows the closing table.</summary>
public interface ITrainingProgress : ITrainingEventSink, IDisposable;
