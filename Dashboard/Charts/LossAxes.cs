namespace Dashboard.Charts;

/// <summary>What the loss chart's x axis counts: the run's batches, epochs (fractional within one), or minutes of wall time.</summary>
public enum LossAxis { Iteration, Epoch, WallTime }

/// <summary>
/// For each point of the training and validation loss traces, its epoch (fractional) and minutes since the run started,
/// so the chart can put either on its x axis instead of the iteration.
/// </summary>
public sealed class LossAxes
{
    private readonly List<double> trainEpoch = [], trainMinutes = [], validEpoch = [], validMinutes = [];
    private DateTimeOffset? start;

    public void Started(DateTimeOffset at) => start ??= at;

    public void AddTrain(double epoch, DateTimeOffset at) => Add(trainEpoch, trainMinutes, epoch, at);

    public void AddValid(double epoch, DateTimeOffset at) => Add(validEpoch, validMinutes, epoch, at);

    /// <summary>The x values of the training points on <paramref name="axis"/>; null for the iteration (the trace's own x).</summary>
    public IReadOnlyList<double>? Train(LossAxis axis) => axis switch { LossAxis.Epoch => trainEpoch, LossAxis.WallTime => trainMinutes, _ => null };

    public IReadOnlyList<double>? Valid(LossAxis axis) => axis switch { LossAxis.Epoch => validEpoch, LossAxis.WallTime => validMinutes, _ => null };

    public static string Title(LossAxis axis) => axis switch
    {
        LossAxis.Epoch => "epoch", LossAxis.WallTime => "minutes since the run started", _ => "iteration (all fits)",
    };

    private void Add(List<double> epochs, List<double> minutes, double epoch, DateTimeOffset at)
    {
        start ??= at;
        epochs.Add(epoch);
        minutes.Add((at - start.Value).TotalMinutes);
    }
}

/// <summary>A copy of a trace's points with their x taken from another list (same index), following the trace as it grows.</summary>
public sealed class MappedTrace(LiveTrace trace)
{
    private int followed;
    private int? sourceVersion;
    private IReadOnlyList<double>? shownXs;

    public LiveTrace Trace { get; } = trace;

    public void Follow(LiveTrace source, IReadOnlyList<double> xs)
    {
        int count = Math.Min(source.Count, xs.Count);
        if (source.Version != sourceVersion || !ReferenceEquals(xs, shownXs) || count < followed)
        {
            (sourceVersion, shownXs, followed) = (source.Version, xs, count);
            Trace.Replace(xs.Take(count), source.Y.Take(count));
            return;
        }
        for (; followed < count; followed++) Trace.Add(xs[followed], source.Y[followed]);
    }

    /// <summary>An empty trace drawn as <paramref name="like"/> is.</summary>
    public static MappedTrace Like(LiveTrace like) => new(new LiveTrace(like.Name)
    {
        Style = like.Style, Color = like.Color, Dash = like.Dash, Width = like.Width, MarkerSize = like.MarkerSize,
    });
}
