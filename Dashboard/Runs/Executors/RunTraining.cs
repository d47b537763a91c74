using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs.Executors;

/// <summary>How every executor trains a run, on the thread that calls it: the recipe runner with the run's resume point.</summary>
public static class RunTraining
{
    public const string StoppedMessage = "stopped by request";

    /// <summary>Trains; a stop or a failure is an outcome, never an exception (the failure is logged with its stack).</summary>
    /// <param name="recipe">The run's recipe; called inside the failure handling, so a recipe that does not parse fails the run.</param>
    public static RunOutcome Train(string runId, Func<Recipe> recipe, Func<RecipeEnvironment> environment, ResumeStore resume, ITrainingEventSink events,
        CancellationToken cancellation, ILogger logger)
    {
        try
        {
            var result = new RecipeRunner(environment()).Run(recipe(), events, cancellation, resume);
            var status = cancellation.IsCancellationRequested ? RunStatus.Stopped : RunStatus.Finished;
            return new RunOutcome(status, status == RunStatus.Stopped ? StoppedMessage : null, result.Final.Accuracy, result.Final.TtaAccuracy);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new RunOutcome(RunStatus.Stopped, StoppedMessage);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} failed", runId);
            return new RunOutcome(RunStatus.Failed, e.Message);
        }
    }
}
