using Dashboard.Charts;
using Dashboard.Training.Events;

namespace Dashboard.Components.Runs;

/// <summary>The trainer's <see cref="SystemSampled"/> reports over time: CPU and data wait in %, images per second on a second axis.</summary>
public sealed class SystemView
{
    private DateTimeOffset? first;

    public SystemSampled? Latest { get; private set; }
    public LiveTrace Cpu { get; } = new("process CPU %") { Color = "#6a1b9a" };
    public LiveTrace DataWait { get; } = new("data wait %") { Color = "#ef6c00" };
    public LiveTrace ImagesPerSecond { get; } = new("images/s") { Color = "#2e7d32", YAxis = "y2", Dash = "dot" };
    public IReadOnlyList<LiveTrace> Traces => [Cpu, DataWait, ImagesPerSecond];

    public void Apply(SystemSampled sample)
    {
        first ??= sample.At;
        double seconds = (sample.At - first.Value).TotalSeconds;
        Latest = sample;
        Cpu.Add(seconds, sample.CpuPercent);
        DataWait.Add(seconds, sample.DataWaitPercent);
        ImagesPerSecond.Add(seconds, sample.ImagesPerSecond);
    }
}
