using System.Globalization;
using Dashboard.Cli;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Cli;

public class ConsoleProgressTests
{
    /// <summary>Two fits as the learner numbers them (from 0): the first with two epochs, the second with one.</summary>
    private static readonly (int Fit, int Epoch, double Accuracy)[] Epochs = [(0, 0, 0.5), (0, 1, 0.625), (1, 2, 0.75)];

    [Fact]
    public void The_lr_find_line_lists_every_suggestion_and_marks_the_chosen_one()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ConsoleProgress(output);

        progress.Emit(new LrFindCompleted([1e-5, 1e-3], [2.3, 2.0], [2.3, 2.1], [new("valley", 1e-3, 2.1), new("minimum", 1e-4, 2.0)], "minimum"));
        progress.Emit(new LrFindCompleted([1e-5], [2.3], [2.3], [], "valley"));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"lr_find: 2 batches, suggestions: valley {1e-3:E2}, minimum {1e-4:E2} (chosen)", lines[0]);
        Assert.Equal("lr_find: 1 batches, suggestions: none (the curve is too short)", lines[1]);
    }

    [Fact]
    public void Output_that_is_not_a_terminal_gets_plain_complete_lines_and_the_closing_table()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);

        using (var progress = TrainingProgress.For(output))
        {
            Assert.IsType<ConsoleProgress>(progress);
            progress.Emit(new LrFindCompleted([1e-5, 1e-3], [2.3, 2.0], [2.3, 2.1], [new("valley", 1e-3, 2.1)], "valley"));
            foreach (var (fit, epoch, accuracy) in Epochs)
            {
                if (epoch != 1) progress.Emit(new FitStarted(fit, fit == 0 ? 2 : 1, 3, [1e-2], Precomputed: fit == 0, FrozenGroups: 2));
                for (int batch = 0; batch < 3; batch++) progress.Emit(new BatchEnded(fit, batch, epoch, 1e-2, 1.5 - batch * 0.1));
                progress.Emit(new EpochEnded(fit, epoch, 1.25, 1.125, accuracy, 2.5));
            }
            progress.Emit(new TtaCompleted(0.75, 0.8125));
            progress.Emit(new RunEnded("finished", null));
        }

        var text = output.ToString();
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\u001b', text);
        var lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            $"lr_find: 2 batches, suggestions: valley {1e-3:E2} (chosen)",
            $"fit 1: 2 epochs × 3 batches, lr [{1e-2:E1}], precomputed",
            $"epoch 1: train loss {1.25:F4}  valid loss {1.125:F4}  accuracy {0.5:P2}  ({2.5:F1} s)",
            $"epoch 2: train loss {1.25:F4}  valid loss {1.125:F4}  accuracy {0.625:P2}  ({2.5:F1} s)",
            $"fit 2: 1 epochs × 3 batches, lr [{1e-2:E1}]",
            $"epoch 3: train loss {1.25:F4}  valid loss {1.125:F4}  accuracy {0.75:P2}  ({2.5:F1} s)",
            $"TTA: accuracy {0.75:P2} → {0.8125:P2}",
            "run finished",
        ], lines.Take(8));
        var table = lines.Skip(8).ToArray();
        Assert.Contains(table, line => line.Contains("| train loss |", StringComparison.Ordinal));
        foreach (var (fit, epoch, accuracy) in Epochs) // counted from 1, as the lines above
            Assert.Contains(table, line => Cells(line).SequenceEqual([$"{fit + 1}", $"{epoch + 1}", $"{1.25:F4}", $"{1.125:F4}", $"{accuracy:P2}", $"{2.5:F1}"]));
        Assert.Contains(table, line => line.Contains($"lr_find suggestion (valley): {1e-3:E2}; TTA accuracy {0.8125:P2}", StringComparison.Ordinal));
    }

    private static string[] Cells(string line) => line.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
