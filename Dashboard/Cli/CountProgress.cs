using System.Diagnostics;

namespace Dashboard.Cli;

/// <summary>
/// Progress through a known number of items (images predicted): a live bar with ETA on a terminal, else one plain
/// line per report (<c>predict 64/200</c>).
/// </summary>
public sealed class CountProgress : IProgress<int>, IDisposable
{
    private readonly TextWriter writer;
    private readonly string label;
    private readonly int total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly LiveView? view;
    private int done;

    private CountProgress(TextWriter writer, string label, int total, bool live)
    {
        (this.writer, this.label, this.total) = (writer, label, total);
        if (live) view = new LiveView(LiveView.ConsoleFor(writer), () => ProgressLine.Render(label, Volatile.Read(ref done), total, clock.Elapsed, ""));
    }

    public static CountProgress For(TextWriter writer, string label, int total) => new(writer, label, total, PlainConsole.IsTerminal(writer));

    public void Report(int value)
    {
        Volatile.Write(ref done, value);
        if (view is null) writer.WriteLine($"{label} {value}/{total}");
    }

    public void Dispose() => view?.Dispose();
}
