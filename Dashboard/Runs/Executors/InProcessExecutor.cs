using System.Threading.Channels;
using Dashboard.Configuration;
using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs.Executors;

/// <summary>
/// Trains on a long-running thread of the server (<c>Dashboard:Executor = inprocess</c>). Events go from the trainer
/// through a channel (never awaited in the fit loop) to one pump that stores each and then notifies subscribers.
/// </summary>
public sealed class InProcessExecutor(RunEventRecorder recorder, IRecipeEnvironmentFactory environments, DashboardPaths paths, ILogger<InProcessExecutor> logger)
    : IRunExecutor
{
    /// <summary>One run at a time: runs on threads of the server share its cores and memory.</summary>
    public int Slots => 1;

    /// <summary>A thread does not outlive its server.</summary>
    public Task<RunOutcome>? Reattach(RunSummary run, CancellationToken stop, CancellationToken hostStopping) => null;

    public async Task<RunOutcome> ExecuteAsync(RunSummary run, Recipe recipe, CancellationToken stop, CancellationToken hostStopping)
    {
        var events = Channel.CreateUnbounded<TrainingEvent>(new UnboundedChannelOptions { SingleReader = true });
        var resume = new ResumeStore(paths.RunFolder(run.Id));
        var training = Task.Factory.StartNew(() => Train(run.Id, recipe, resume, events.Writer, stop),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await foreach (var trainingEvent in events.Reader.ReadAllAsync(CancellationToken.None)) recorder.Record(run.Id, trainingEvent);
        return await training;
    }

    private RunOutcome Train(string runId, Recipe recipe, ResumeStore resume, ChannelWriter<TrainingEvent> writer, CancellationToken stop)
    {
        try { return RunTraining.Train(runId, () => recipe, () => environments.Create(runId), resume, new ChannelEventSink(writer), stop, logger); }
        finally { writer.TryComplete(); }
    }
}
