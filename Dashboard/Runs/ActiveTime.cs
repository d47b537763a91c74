using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>
/// The time a run spent running, summed over its parts: the first from its first event to the last before a resume, each
/// resumed one from its <see cref="RunResumed"/> to its last event. Time queued or stopped between parts does not count;
/// superseded events do (the trainer did that work).
/// </summary>
public sealed class ActiveTime
{
    private double closedParts;
    private DateTimeOffset? partStart;
    private DateTimeOffset partEnd;

    public double Seconds => closedParts + OpenPart;

    /// <summary>The run's parts so far: 1, and one more for each resume.</summary>
    public int Parts { get; private set; }

    private double OpenPart => partStart is { } start ? (partEnd - start).TotalSeconds : 0;

    /// <summary>Adds the next stored event (superseded ones included), in sequence order.</summary>
    public void Add(TrainingEvent trainingEvent)
    {
        if (trainingEvent is RunResumed || partStart is null)
        {
            closedParts += OpenPart;
            partStart = trainingEvent.At;
            Parts++;
        }
        partEnd = trainingEvent.At;
    }
}
