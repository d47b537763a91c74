using System.Globalization;
using Dashboard.Cli;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Cli;

public class ConsoleProgressTests
{
    [Fact]
    public void The_lr_find_line_lists_every_suggestion_and_marks_the_chosen_one()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ConsoleProgress(output, redirected: true);

        progress.Emit(new LrFindCompleted([1e-5, 1e-3], [2.3, 2.0], [2.3, 2.1], [new("valley", 1e-3, 2.1), new("minimum", 1e-4, 2.0)], "minimum"));
        progress.Emit(new LrFindCompleted([1e-5], [2.3], [2.3], [], "valley"));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"lr_find: 2 batches, suggestions: valley {1e-3:E2}, minimum {1e-4:E2} (chosen)", lines[0]);
        Assert.Equal("lr_find: 1 batches, suggestions: none (the curve is too short)", lines[1]);
    }
}
