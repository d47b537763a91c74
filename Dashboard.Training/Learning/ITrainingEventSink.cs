using System.Threading.Channels;
using Dashboard.Training.Events;

namespace Dashboard.Training.Learning;

/// <summary>Where the learner reports what happened. Emit never blocks the training loop.</summary>
public interface ITrainingEventSink
{
    void Emit(TrainingEvent trainingEvent);
}

/// <summary>Writes events to an unbounded channel with TryWrite: the fit loop never awaits a reader.</summary>
public sealed class ChannelEventSink(ChannelWriter<TrainingEvent> writer) : ITrainingEventSink
{
    public void Emit(TrainingEvent trainingEvent) => writer.TryWrite(trainingEvent);
}

/// <summary>Keeps events in memory, in order (the recipe runner's result, and tests).</summary>
public sealed class RecordingEventSink : ITrainingEventSink
{
    private readonly List<TrainingEvent> events = [];
    private readonly Lock gate = new();

    public IReadOnlyList<TrainingEvent> Events { get { lock (gate) return events.ToArray(); } }

    public void Emit(TrainingEvent trainingEvent) { lock (gate) events.Add(trainingEvent); }
}

/// <summary>Sends each event to every sink in turn.</summary>
public sealed class FanOutEventSink(params ITrainingEventSink[] sinks) : ITrainingEventSink
{
    public void Emit(TrainingEvent trainingEvent)
    {
        foreach (var sink in sinks) sink.Emit(trainingEvent);
    }
}
