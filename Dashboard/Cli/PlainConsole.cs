using Spectre.Console;

namespace Dashboard.Cli;

/// <summary>
/// Where progress goes: a live Spectre.Console display on a terminal, or plain complete lines (no colour, no cursor
/// movement, ASCII tables) when the output is a file, a pipe or a CI log.
/// </summary>
public static class PlainConsole
{
    private const int PlainWidth = 120;

    /// <summary>True when <paramref name="output"/> is this process's standard output or error on a terminal, which can redraw a live display.</summary>
    public static bool IsTerminal(TextWriter output) =>
        (ReferenceEquals(output, Console.Out) ? !Console.IsOutputRedirected : ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected)
        && AnsiConsole.Profile.Capabilities.Interactive;

    public static IAnsiConsole For(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>Writes a table as plain text: ASCII borders, so a log viewer shows it as it is.</summary>
    public static void WriteTable(TextWriter output, Table table) => For(output).Write(table.Border(TableBorder.Ascii));
}
