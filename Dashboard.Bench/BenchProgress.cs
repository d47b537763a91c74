using System.Diagnostics;
using Dashboard.Cli;

namespace Dashboard.Bench;

/// <summary>
/// Progress through the bench's measurements: on a terminal one live bar (done/total measurements, elapsed, ETA) whose
/// text is the latest step and figure; elsewhere (CI, pipes) one plain line per step, <c>bench [  12 s] …</c>.
/// </summary>
public sealed class BenchProgress : IDisposable
{
    private const string Label = "bench";
    private readonly TextWriter log;
    private readonly int total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly LiveView? view;
    private int done;
    private string latest = "";

    private BenchProgress(TextWriter log, int total, bool live)
    {
        (this.log, this.total) = (log, total);
        if (live) view = new LiveView(LiveView.ConsoleFor(log), () => ProgressLine.Render(Label, Volatile.Read(ref done), total, clock.Elapsed, Volatile.Read(ref latest)));
    }

    public static BenchProgress For(TextWriter log, int measurements) => new(log, measurements, PlainConsole.IsTerminal(log));

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Says what starts or what was measured, without counting a measurement.</summary>
    public void Say(string message)
    {
        Volatile.Write(ref latest, message);
        if (view is null) log.WriteLine($"{Label} [{clock.Elapsed.TotalSeconds,5:F0} s] {message}");
    }

    /// <summary>One measurement done; <paramref name="message"/> gives its figure or what comes next.</summary>
    public void Done(string message)
    {
        Interlocked.Increment(ref done);
        Say(message);
    }

    public void Dispose() => view?.Dispose();
}
