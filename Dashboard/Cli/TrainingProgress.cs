using Dashboard.Training.Learning;

namespace Dashboard.Cli;

public static class TrainingProgress
{
    public static ConsoleProgress For(TextWriter output) => new(output, redirected: true);
}
