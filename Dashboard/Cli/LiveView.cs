using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dashboard.Cli;

/// <summary>
/// A Spectre.Console live display on a terminal that redraws <c>render()</c> a few times a second on its own thread,
/// while the command works on another; dispose draws the final state and leaves it on screen.
/// </summary>
public sealed class LiveView : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(150);
    private readonly ManualResetEventSlim finished = new();
    private readonly Task display;

    public LiveView(IAnsiConsole console, Func<IRenderable> render) =>
        display = Task.Run(() => console.Live(render()).AutoClear(false).Start(context =>
        {
            while (!finished.Wait(RefreshInterval)) context.UpdateTarget(render());
            context.UpdateTarget(render());
        }));

    /// <summary>The terminal <paramref name="output"/> writes to, with its colours and width.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    public void Dispose()
    {
        finished.Set();
        display.GetAwaiter().GetResult();
        finished.Dispose();
    }
}
