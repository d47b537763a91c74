using System.Diagnostics;
using Dashboard.Training.Events;

namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// Every <see cref="Interval"/> of training (finder sweeps included) reports a <see cref="SystemSampled"/>: the process's CPU
/// and resident memory, images per second, and data wait, the time from one batch's end to the next batch's arrival
/// (validation, between epochs, is not waiting), and once more at the end of a fit for its last part. Runs first, so other callbacks' work is not counted as waiting.
/// </summary>
public sealed class SystemSampler(TimeSpan? interval = null) : LearnerCallback
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    private readonly Stopwatch window = new(), sinceBatch = new();
    private TimeSpan waited, cpuAtStart;
    private int images;

    public TimeSpan Interval { get; } = interval ?? DefaultInterval;
    public override int Order => -100;
    public override bool DuringSweep => true;

    public override void BeforeFit(FitContext fit) => StartWindow();

    public override void BeforeEpoch(FitContext fit) => sinceBatch.Restart();

    public override void BeforeBatch(FitContext fit)
    {
        waited += sinceBatch.Elapsed;
        sinceBatch.Reset();
    }

    public override void AfterBatch(FitContext fit)
    {
        images += fit.Batch?.Count ?? 0;
        if (window.Elapsed >= Interval) Report(fit.Learner.Events);
        sinceBatch.Restart();
    }

    /// <summary>A fit shorter than <see cref="Interval"/>, or the tail of a longer one, still reports what it measured.</summary>
    public override void AfterFit(FitContext fit)
    {
        if (images > 0) Report(fit.Learner.Events);
    }

    private void Report(ITrainingEventSink events)
    {
        double seconds = window.Elapsed.TotalSeconds;
        var cpu = (CpuTime() - cpuAtStart).TotalSeconds / (seconds * Environment.ProcessorCount);
        events.Emit(new SystemSampled(100 * cpu, Environment.WorkingSet, images / seconds, 100 * waited.TotalSeconds / seconds));
        StartWindow();
    }

    private void StartWindow()
    {
        (waited, images, cpuAtStart) = (TimeSpan.Zero, 0, CpuTime());
        window.Restart();
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
